package dev.agentry.audit.log;

import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.object;

import dev.agentry.audit.store.Params;
import dev.agentry.common.db.Rows;
import dev.agentry.common.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** All SQL reading {@code audit.audit_logs}, inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class LogStore {

    static final String COLUMNS = "id, actor_id, actor, action, resource_type, resource_id, old_values, new_values, "
            + "host(ip_address) AS ip_address, user_agent, status, error_message, metadata, created_at, recorded_at, "
            + "chain_seq, row_hash, redacted_at";

    /**
     * One verification step per row: does its content, and its link to the row before, still hash as
     * stored. The row before is the stored row, else the anchor retention kept when it removed that
     * row ({@code chain_anchors}); a row gone without an anchor leaves its successor with no previous.
     */
    static final String VERIFY = """
            SELECT l.chain_seq, l.id, l.created_at, l.redacted_at IS NOT NULL AS redacted,
                   p.chain_seq IS NOT NULL OR a.chain_seq IS NOT NULL AS has_previous,
                   a.chain_seq IS NOT NULL AND p.chain_seq IS NULL AS after_anchor,
                   l.row_hash = audit_log_link(coalesce(p.row_hash, a.row_hash), audit_log_digest(l.id, l.tenant_id,
                        l.chain_seq, l.actor_id, l.actor, l.action, l.resource_type, l.resource_id, l.status,
                        l.created_at, l.content_hash)) AS link_ok,
                   l.content_hash = audit_log_content_hash(l.old_values, l.new_values, l.ip_address, l.user_agent,
                        l.error_message, l.metadata) AS content_ok
            FROM audit_logs l
            LEFT JOIN audit_logs p ON p.tenant_id = $1 AND p.chain_seq = l.chain_seq - 1
            LEFT JOIN chain_anchors a ON a.tenant_id = $1 AND a.chain_seq = l.chain_seq - 1
            WHERE l.tenant_id = $1 AND l.created_at >= $2 AND l.created_at < $3 AND l.chain_seq > $4
            ORDER BY l.chain_seq, p.created_at
            LIMIT $5""";

    Uni<List<AuditLog>> list(SqlConnection conn, UUID tenant, LogFilter filter, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM audit_logs WHERE tenant_id = $1 "
                + "AND ($2::varchar IS NULL OR actor = $2) AND ($3::varchar IS NULL OR action = $3) "
                + "AND ($4::varchar IS NULL OR resource_type = $4) AND ($5::varchar IS NULL OR resource_id = $5) "
                + "AND created_at >= $6 AND created_at < $7 AND ($8::uuid IS NULL OR id < $8) "
                + "ORDER BY id DESC LIMIT $9")
                .execute(Params.tuple(tenant, filter.actor(), filter.action(), filter.resourceType(),
                        filter.resourceId(), Rows.timestamp(filter.from()), Rows.timestamp(filter.to()), page.after(),
                        page.fetchSize()))
                .map(rows -> Rows.list(rows, LogStore::map));
    }

    Uni<List<VerifyStep>> verifyPage(SqlConnection conn, UUID tenant, Instant from, Instant to, long afterSeq, int limit) {
        return conn.preparedQuery(VERIFY)
                .execute(Tuple.of(tenant, Rows.timestamp(from), Rows.timestamp(to), afterSeq, limit))
                .map(rows -> Rows.list(rows, r -> new VerifyStep(r.getLong("chain_seq"), r.getUUID("id"),
                        instant(r, "created_at"), r.getBoolean("redacted"), r.getBoolean("has_previous"), r.getBoolean("after_anchor"),
                        Boolean.TRUE.equals(r.getBoolean("link_ok")), Boolean.TRUE.equals(r.getBoolean("content_ok")))));
    }

    record VerifyStep(long chainSeq, UUID id, Instant createdAt, boolean redacted, boolean hasPrevious,
            boolean afterAnchor, boolean linkOk, boolean contentOk) {
    }

    static AuditLog map(Row row) {
        Buffer hash = row.getDelegate().getBuffer("row_hash");
        return new AuditLog(row.getUUID("id"), row.getUUID("actor_id"), row.getString("actor"), row.getString("action"),
                row.getString("resource_type"), row.getString("resource_id"), Params.plain(row.getValue("old_values")),
                Params.plain(row.getValue("new_values")), row.getString("ip_address"), row.getString("user_agent"),
                row.getString("status"), row.getString("error_message"), object(row, "metadata"),
                instant(row, "created_at"), instant(row, "recorded_at"), row.getLong("chain_seq"),
                hash == null ? null : HexFormat.of().formatHex(hash.getBytes()), instant(row, "redacted_at"));
    }
}
