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

/**
 * {@code domain_attribute_definition} (Panache): a global definition ({@code tenant_id} NULL) or
 * one a tenant added for itself. Row-level security shows a tenant the global ones and its own.
 */
@Entity
@Table(name = "domain_attribute_definition")
public class AttributeDefinitionEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(name = "domain_id")
    public UUID domainId;

    @Column(name = "key", nullable = false)
    public String attributeKey;

    @Column(name = "label")
    public String label;

    @Column(name = "value_type", nullable = false)
    public String valueType;

    @Column(name = "semantic_type")
    public String semanticType;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "value_constraint", nullable = false)
    public Map<String, Object> valueConstraint;

    @Column(name = "scope", nullable = false)
    public String scope;

    @Column(name = "is_required", nullable = false)
    public boolean required;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    AttributeDefinition view() {
        return new AttributeDefinition(id, domainId, attributeKey, label, valueType, semanticType, valueConstraint, scope,
                required, tenantId == null ? AttributeDefinition.GLOBAL : AttributeDefinition.TENANT, createdAt);
    }
}
