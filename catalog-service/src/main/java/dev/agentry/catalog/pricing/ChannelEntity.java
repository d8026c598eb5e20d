package dev.agentry.catalog.pricing;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** {@code tenant_sales_channel} (Panache): web, zalo_oa, facebook, ... */
@Entity
@Table(name = "tenant_sales_channel")
public class ChannelEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(name = "code", nullable = false)
    public String code;

    @Column(name = "name")
    public String name;

    @Column(name = "is_active", nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    Channel view() {
        return new Channel(id, code, name, active, createdAt);
    }
}
