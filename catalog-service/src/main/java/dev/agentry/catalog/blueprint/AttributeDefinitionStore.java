package dev.agentry.catalog.blueprint;

import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.object;

import dev.agentry.common.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * The definitions other packages validate values with, read by plain SQL inside their own
 * RLS-bound transaction: the global ones and the caller's, of one domain plus those without domain.
 */
@ApplicationScoped
public class AttributeDefinitionStore {

    /** Definitions that apply to offerings of {@code domainId} (NULL: only those without domain). */
    public Uni<List<AttributeDefinition>> forDomain(SqlConnection conn, UUID tenantId, UUID domainId) {
        return conn.preparedQuery("SELECT id, tenant_id, domain_id, key, label, value_type, semantic_type, value_constraint, "
                + "scope, is_required, created_at FROM domain_attribute_definition "
                + "WHERE (tenant_id IS NULL OR tenant_id = $1) AND (domain_id IS NULL OR domain_id = $2) ORDER BY key, id")
                .execute(Tuple.of(tenantId, domainId)).map(rows -> Rows.list(rows, AttributeDefinitionStore::map));
    }

    static AttributeDefinition map(Row row) {
        return new AttributeDefinition(row.getUUID("id"), row.getUUID("domain_id"), row.getString("key"), row.getString("label"),
                row.getString("value_type"), row.getString("semantic_type"), object(row, "value_constraint"), row.getString("scope"),
                row.getBoolean("is_required"),
                row.getUUID("tenant_id") == null ? AttributeDefinition.GLOBAL : AttributeDefinition.TENANT, instant(row, "created_at"));
    }
}
