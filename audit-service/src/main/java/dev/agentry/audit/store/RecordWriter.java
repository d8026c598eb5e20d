package dev.agentry.audit.store;

import dev.agentry.common.db.TenantTransactions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes checked rows: one transaction per tenant (bound for row-level security), one INSERT per
 * table holding all of that tenant's rows of the batch, {@code ON CONFLICT DO NOTHING} so that a
 * record delivered twice is stored once. audit_logs rows are appended to the tenant's hash chain
 * under a per-tenant advisory transaction lock. Tenants are written in id order, so two writers
 * never wait on each other's chain locks in opposite orders.
 */
@ApplicationScoped
public class RecordWriter {

    /** The chained insert of audit_logs: $1 tenant, $2 a JSON array of row documents. */
    static final String LOG_INSERT = """
            WITH head AS (
                -- the chain's last row, or its anchor when retention removed that row
                SELECT chain_seq, row_hash FROM (
                    (SELECT chain_seq, row_hash FROM audit_logs WHERE tenant_id = $1 ORDER BY chain_seq DESC LIMIT 1)
                    UNION ALL
                    (SELECT chain_seq, row_hash FROM chain_anchors WHERE tenant_id = $1 ORDER BY chain_seq DESC LIMIT 1)
                ) h ORDER BY chain_seq DESC LIMIT 1
            ), input AS (
                SELECT DISTINCT ON ((doc->>'id')::uuid, (doc->>'created_at')::timestamptz)
                       (doc->>'id')::uuid AS id, (doc->>'created_at')::timestamptz AS created_at,
                       (doc->>'actor_id')::uuid AS actor_id, doc->>'actor' AS actor, doc->>'action' AS action,
                       doc->>'resource_type' AS resource_type, doc->>'resource_id' AS resource_id,
                       doc->'old_values' AS old_values, doc->'new_values' AS new_values,
                       (doc->>'ip_address')::inet AS ip_address, doc->>'user_agent' AS user_agent,
                       doc->>'status' AS status, doc->>'error_message' AS error_message,
                       coalesce(doc->'metadata', '{}'::jsonb) AS metadata, ord
                FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(doc, ord)
                ORDER BY (doc->>'id')::uuid, (doc->>'created_at')::timestamptz, ord
            ), known AS (
                -- old_values a producer did not send: what the resource was after its previous change
                -- that worked (the new_values of the last success of the same resource, earlier in
                -- this batch, else stored), so a service's write needs no read before it. Not for
                -- a creation, and nothing when no earlier change was recorded.
                SELECT i.id, i.created_at, i.actor_id, i.actor, i.action, i.resource_type, i.resource_id,
                       CASE WHEN i.old_values IS NOT NULL OR i.resource_id IS NULL OR i.action LIKE '%.created' THEN i.old_values
                            ELSE coalesce(
                                (SELECT b.new_values FROM input b
                                 WHERE b.resource_type = i.resource_type AND b.resource_id = i.resource_id
                                   AND b.status = 'success' AND b.ord < i.ord ORDER BY b.ord DESC LIMIT 1),
                                (SELECT l.new_values FROM audit_logs l
                                 WHERE l.tenant_id = $1 AND l.resource_type = i.resource_type AND l.resource_id = i.resource_id
                                   AND l.status = 'success' ORDER BY l.chain_seq DESC LIMIT 1)) END AS old_values,
                       i.new_values, i.ip_address, i.user_agent, i.status, i.error_message, i.metadata, i.ord
                FROM input i
            ), fresh AS (
                SELECT i.*, coalesce((SELECT chain_seq FROM head), 0) + row_number() OVER (ORDER BY ord) AS chain_seq,
                       audit_log_content_hash(old_values, new_values, ip_address, user_agent, error_message, metadata)
                           AS content_hash
                FROM known i
                WHERE NOT EXISTS (SELECT 1 FROM audit_logs l
                                  WHERE l.tenant_id = $1 AND l.id = i.id AND l.created_at = i.created_at)
            )
            INSERT INTO audit_logs (id, tenant_id, actor_id, actor, action, resource_type, resource_id, old_values,
                                    new_values, ip_address, user_agent, status, error_message, metadata, created_at,
                                    chain_seq, content_hash, row_hash)
            SELECT id, $1, actor_id, actor, action, resource_type, resource_id, old_values, new_values, ip_address,
                   user_agent, status, error_message, metadata, created_at, chain_seq, content_hash,
                   hash_chain((SELECT row_hash FROM head),
                              audit_log_digest(id, $1, chain_seq, actor_id, actor, action, resource_type, resource_id,
                                               status, created_at, content_hash)) OVER (ORDER BY chain_seq)
            FROM fresh ORDER BY chain_seq
            ON CONFLICT DO NOTHING""";

    /** Serialises appends to one tenant's chain until the transaction ends. */
    static final String CHAIN_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('audit_logs:' || $1::uuid::text, 0))";

    @Inject
    TenantTransactions tx;

    @Inject
    Partitions partitions;

    /** Writes {@code rows}; answers how many were new (the rest were already stored). */
    public Uni<Integer> write(List<AuditRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Map<UUID, List<AuditRow>> byTenant = new TreeMap<>();
        rows.forEach(r -> byTenant.computeIfAbsent(r.tenantId(), t -> new ArrayList<>()).add(r));
        return partitions.ensure(rows.stream().map(AuditRow::partitionTime).toList())
                .chain(() -> Multi.createFrom().iterable(byTenant.entrySet())
                        .onItem().transformToUniAndConcatenate(e -> tx.inTenant(e.getKey(),
                                conn -> writeTenant(conn, e.getKey(), e.getValue())))
                        .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue)))
                .onFailure(RecordWriter::missingPartition).invoke(partitions::forget);
    }

    private Uni<Integer> writeTenant(SqlConnection conn, UUID tenant, List<AuditRow> rows) {
        Map<AuditTable, JsonArray> byTable = new EnumMap<>(AuditTable.class);
        rows.forEach(r -> byTable.computeIfAbsent(r.table(), t -> new JsonArray()).add(r.doc()));
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (Map.Entry<AuditTable, JsonArray> e : byTable.entrySet()) {
            AuditTable table = e.getKey();
            JsonArray docs = e.getValue();
            chain = chain.chain(done -> insert(conn, tenant, table, docs).map(n -> done + n));
        }
        return chain;
    }

    private Uni<Integer> insert(SqlConnection conn, UUID tenant, AuditTable table, JsonArray docs) {
        if (table == AuditTable.AUDIT_LOGS) {
            return conn.preparedQuery(CHAIN_LOCK).execute(Tuple.of(tenant))
                    .chain(() -> conn.preparedQuery(LOG_INSERT).execute(Tuple.of(tenant, docs)))
                    .map(r -> r.rowCount());
        }
        return conn.preparedQuery(table.insertSql()).execute(Tuple.of(tenant, docs)).map(r -> r.rowCount());
    }

    /**
     * Whether the database refused the data itself (a value it cannot store: SQLSTATE classes 22 and
     * 23): retrying the same record cannot succeed. Anything else (connection lost, deadlock,
     * shutdown) is worth retrying.
     */
    public static boolean isDataError(Throwable failure) {
        return failure instanceof PgException pg && pg.getSqlState() != null
                && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23")) && !missingPartition(failure);
    }

    static boolean missingPartition(Throwable failure) {
        return failure instanceof PgException pg && pg.getErrorMessage() != null
                && pg.getErrorMessage().contains("no partition of relation");
    }
}
