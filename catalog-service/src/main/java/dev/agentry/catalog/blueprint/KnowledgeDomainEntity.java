package dev.agentry.catalog.blueprint;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** {@code knowledge_domain}: an industry or product category of the global blueprint (Panache). */
@Entity
@Table(name = "knowledge_domain")
public class KnowledgeDomainEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "code", nullable = false)
    public String code;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "domain_type", nullable = false)
    public String domainType;

    @Column(name = "description")
    public String description;

    @Column(name = "is_archived", nullable = false)
    public boolean archived;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "flow_config", nullable = false)
    public Map<String, Object> flowConfig;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    Domain view() {
        return new Domain(id, code, name, domainType, description, archived, flowConfig, createdAt, updatedAt);
    }
}
