package dev.agentry.audit.export;

import dev.agentry.audit.store.AuditTable;
import dev.agentry.audit.store.Params;
import dev.agentry.audit.store.TimeRange;
import dev.agentry.common.db.Rows;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.tenant.TenantContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * A table's rows over a time range as NDJSON, one JSON object per line (the row as PostgreSQL's
 * to_jsonb writes it, without tenant_id). Read page by page in id order, each page its own short
 * transaction, and written as it is read (each row one JSON object and a newline): memory holds
 * one page, however long the range.
 */
@ApplicationScoped
public class ExportService {

    static final int PAGE = 500;

    @Inject
    TenantTransactions tx;

    @Inject
    TenantContext caller;

    public Multi<Map<String, Object>> export(String tableName, Instant from, Instant to) {
        AuditTable table = AuditTable.named(tableName);
        if (table == null) {
            throw new ValidationException("table", "must be one of turn_records, audit_events, audit_logs, "
                    + "usage_metrics, integration_sync_logs");
        }
        TimeRange range = TimeRange.of(from, to);
        UUID tenant = caller.tenantId();
        String sql = "SELECT id, (to_jsonb(t) - 'tenant_id')::text AS line FROM " + table.tableName() + " t "
                + "WHERE tenant_id = $1 AND " + table.timeColumn() + " >= $2 AND " + table.timeColumn() + " < $3 "
                + "AND ($4::uuid IS NULL OR id > $4) ORDER BY id LIMIT " + PAGE;
        return Multi.createBy().repeating()
                .uni(() -> new UUID[1], last -> page(tenant, sql, range, last))
                .whilst(lines -> lines.size() == PAGE)
                .onItem().transformToIterable(lines -> lines);
    }

    private Uni<List<Map<String, Object>>> page(UUID tenant, String sql, TimeRange range, UUID[] last) {
        return tx.inTenant(tenant, conn -> conn.preparedQuery(sql)
                .execute(Params.tuple(tenant, Rows.timestamp(range.from()), Rows.timestamp(range.to()), last[0])))
                .map(rows -> {
                    List<Map<String, Object>> lines = new ArrayList<>(rows.size());
                    rows.forEach(r -> {
                        last[0] = r.getUUID("id");
                        lines.add(new JsonObject(r.getString("line")).getMap());
                    });
                    return lines;
                });
    }
}
