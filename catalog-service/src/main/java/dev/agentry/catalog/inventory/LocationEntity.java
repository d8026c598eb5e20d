package dev.agentry.catalog.inventory;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** {@code tenant_inventory_location} (Panache): a warehouse, a store or a virtual location. */
@Entity
@Table(name = "tenant_inventory_location")
public class LocationEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(name = "code", nullable = false)
    public String code;

    @Column(name = "name")
    public String name;

    @Column(name = "type", nullable = false)
    public String type;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    Location view() {
        return new Location(id, code, name, type, createdAt);
    }
}
