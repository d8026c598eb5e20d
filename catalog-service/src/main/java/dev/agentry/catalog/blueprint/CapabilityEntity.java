package dev.agentry.catalog.blueprint;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** {@code system_capability} (Panache): what the platform can do (offering search, price analysis). */
@Entity
@Table(name = "system_capability")
public class CapabilityEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "domain_id")
    public UUID domainId;

    @Column(name = "code", nullable = false)
    public String code;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "description")
    public String description;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    Capability view() {
        return new Capability(id, domainId, code, name, description, createdAt);
    }
}
