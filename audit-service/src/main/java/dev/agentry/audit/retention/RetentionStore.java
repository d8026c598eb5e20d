package dev.agentry.audit.retention;

import dev.agentry.audit.store.AuditTable;
import dev.agentry.common.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The retention job's SQL, run as the redactor role on one connection that holds the job's
 * advisory lock for the whole run. Deletes are bound to the tenant for RLS and filter by it too;
 * the tenants and the partitions come from the owner's SECURITY DEFINER functions (V3__retention.sql).
 */
@ApplicationScoped
public class RetentionStore {

    /** One replica at a time: a session lock, released when the run ends or the connection dies. */
    static final String TRY_LOCK = "SELECT pg_try_advisory_lock(hashtextextended('audit:retention', 0))";
    static final String UNLOCK = "SELECT pg_advisory_unlock(hashtextextended('audit:retention', 0))";

    /** The lock RecordWriter appends to a tenant's chain under: a removal and an append never interleave. */
    static final String CHAIN_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('audit_logs:' || $1::uuid::text, 0))";

    /**
     * A batch of a tenant's audit_logs older than the cutoff, oldest in the chain first, removed
     * with its anchors in one statement: every removed row whose successor was not removed with it.
     */
    static final String DELETE_LOGS = """
            WITH doomed AS (
                SELECT id, created_at FROM audit_logs
                WHERE tenant_id = $1 AND created_at < $2 ORDER BY chain_seq LIMIT $3
            ), gone AS (
                DELETE FROM audit_logs l USING doomed d
                WHERE l.tenant_id = $1 AND l.id = d.id AND l.created_at = d.created_at
                RETURNING l.chain_seq, l.row_hash
            ), anchored AS (
                INSERT INTO chain_anchors (tenant_id, chain_seq, row_hash, reason, removed_before)
                SELECT $1, g.chain_seq, g.row_hash, 'retention', $2
                FROM (SELECT chain_seq, row_hash, lead(chain_seq) OVER (ORDER BY chain_seq) AS next FROM gone) g
                WHERE g.next IS DISTINCT FROM g.chain_seq + 1
                ON CONFLICT DO NOTHING
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM gone) AS deleted, (SELECT count(*) FROM anchored) AS anchors""";

    /** Runs {@code work} in a short transaction on {@code conn} bound to {@code tenant}. */
    <T> Uni<T> inTenant(SqlConnection conn, UUID tenant, Function<SqlConnection, Uni<T>> work) {
        return conn.begin().flatMap(tx -> conn.preparedQuery("SELECT set_config('app.tenant_id', $1, true)")
                .execute(Tuple.of(tenant.toString()))
                .flatMap(bound -> work.apply(conn))
                .call(tx::commit)
                .onFailure().call(e -> tx.rollback().onFailure().recoverWithNull()));
    }

    Uni<Boolean> tryLock(SqlConnection conn) {
        return conn.query(TRY_LOCK).execute().map(rows -> rows.iterator().next().getBoolean(0));
    }

    Uni<Void> unlock(SqlConnection conn) {
        return conn.query(UNLOCK).execute().replaceWithVoid();
    }

    /** Tenants with a row of any audit table before {@code cutoff}, in id order. */
    Uni<List<UUID>> tenantsWithRowsBefore(SqlConnection conn, Instant cutoff) {
        return conn.preparedQuery("SELECT DISTINCT t FROM tenants_with_rows_before($1) t ORDER BY t")
                .execute(Tuple.of(Rows.timestamp(cutoff)))
                .map(rows -> Rows.list(rows, r -> r.getUUID(0)));
    }

    /**
     * Drops the monthly partitions ending on or before {@code cutoff} (anchoring the chains first);
     * their names. The drop needs exclusive locks on the partitions and their parents: waiting
     * behind a long reader would queue every writer behind the drop, so it gives up after
     * {@code lockTimeout} (the next run tries again).
     */
    Uni<List<String>> dropPartitionsBefore(SqlConnection conn, Instant cutoff, java.time.Duration lockTimeout) {
        return conn.begin().flatMap(tx -> conn.preparedQuery("SELECT set_config('lock_timeout', $1, true)")
                .execute(Tuple.of(lockTimeout.toMillis() + "ms"))
                .flatMap(set -> conn.preparedQuery("SELECT p FROM drop_partitions_before($1) p")
                        .execute(Tuple.of(Rows.timestamp(cutoff))))
                .map(rows -> Rows.list(rows, r -> r.getString(0)))
                .call(tx::commit)
                .onFailure().call(e -> tx.rollback().onFailure().recoverWithNull()));
    }

    /** One batch of a tenant's rows of {@code table} older than {@code cutoff}, in the tenant's transaction. */
    Uni<Removed> deleteBatch(SqlConnection conn, UUID tenant, AuditTable table, Instant cutoff, int batch) {
        if (table == AuditTable.AUDIT_LOGS) {
            return conn.preparedQuery(CHAIN_LOCK).execute(Tuple.of(tenant))
                    .chain(() -> conn.preparedQuery(DELETE_LOGS).execute(Tuple.of(tenant, Rows.timestamp(cutoff), batch)))
                    .map(rows -> {
                        Row r = rows.iterator().next();
                        return new Removed(r.getLong("deleted").intValue(), r.getLong("anchors").intValue());
                    });
        }
        // Table and column names are the enum's constants, never input.
        String t = table.tableName();
        String time = table.timeColumn();
        return conn.preparedQuery("DELETE FROM " + t + " WHERE tenant_id = $1 AND (id, " + time + ") IN "
                + "(SELECT id, " + time + " FROM " + t + " WHERE tenant_id = $1 AND " + time + " < $2 LIMIT $3)")
                .execute(Tuple.of(tenant, Rows.timestamp(cutoff), batch))
                .map(rows -> new Removed(rows.rowCount(), 0));
    }

    /** Rows removed by one batch, and chain anchors kept for them. */
    record Removed(int rows, int anchors) {
    }
}
