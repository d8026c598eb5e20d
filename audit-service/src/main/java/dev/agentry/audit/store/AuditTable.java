package dev.agentry.audit.store;

import static dev.agentry.audit.store.Column.Type.ARRAY;
import static dev.agentry.audit.store.Column.Type.BIGINT;
import static dev.agentry.audit.store.Column.Type.DECIMAL;
import static dev.agentry.audit.store.Column.Type.INET;
import static dev.agentry.audit.store.Column.Type.INT;
import static dev.agentry.audit.store.Column.Type.JSON;
import static dev.agentry.audit.store.Column.Type.OBJECT;
import static dev.agentry.audit.store.Column.Type.TIME;
import static dev.agentry.audit.store.Column.Type.UUID;

import dev.agentry.common.audit.AuditKind;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The five audit tables: which record kind goes where, the column each is partitioned on, and what
 * a record's {@code data} may hold (the table's columns minus id, tenant and the times audit-service
 * sets). Records name columns exactly; an unknown name is refused.
 */
public enum AuditTable {

    TURN_RECORDS(AuditKind.TURN_RECORD, "turn_records", "created_at", null, List.of(
            Column.required("session_id", UUID), Column.required("turn_number", INT),
            Column.text("user_message", 0, true), Column.text("assistant_response", 0, false),
            Column.of("context_extracted", JSON), Column.of("rules_matched", ARRAY), Column.of("scenario_state", JSON),
            Column.of("tools_executed", ARRAY), Column.of("token_usage", JSON), Column.of("latency_ms", INT),
            Column.of("agent_id", UUID), Column.of("profile_id", UUID), Column.text("trace_id", 64, false),
            Column.text("model", 200, false), Column.of("cost_usd", DECIMAL)),
            Map.of("rules_matched", List.of(), "tools_executed", List.of())),

    AUDIT_EVENTS(AuditKind.AUDIT_EVENT, "audit_events", "created_at", null, List.of(
            Column.of("session_id", UUID), Column.of("turn_id", UUID), Column.text("event_type", 50, true),
            Column.required("event_data", JSON), Column.of("agent_id", UUID), Column.of("profile_id", UUID),
            Column.text("trace_id", 64, false)),
            Map.of()),

    AUDIT_LOGS(AuditKind.AUDIT_LOG, "audit_logs", "created_at", null, List.of(
            Column.of("actor_id", UUID), Column.text("actor", 255, false), Column.text("action", 100, true),
            Column.text("resource_type", 100, true), Column.text("resource_id", 255, false),
            Column.of("old_values", JSON), Column.of("new_values", JSON), Column.of("ip_address", INET),
            Column.text("user_agent", 1000, false), Column.oneOf("status", Set.of("success", "failure")),
            Column.text("error_message", 0, false), Column.of("metadata", OBJECT)),
            Map.of("metadata", Map.of())),

    USAGE_METRICS(AuditKind.USAGE_METRIC, "usage_metrics", "period_start", "recorded_at", List.of(
            Column.text("metric_type", 50, true), Column.required("metric_value", BIGINT), Column.of("agent_id", UUID),
            Column.of("user_id", UUID), Column.of("metadata", OBJECT), Column.required("period_start", TIME),
            Column.required("period_end", TIME)),
            Map.of("metadata", Map.of())),

    INTEGRATION_SYNC_LOGS(AuditKind.SYNC_LOG, "integration_sync_logs", "started_at", "recorded_at", List.of(
            Column.required("sync_run_id", UUID), Column.text("system", 32, true),
            new Column("direction", Column.Type.TEXT, true, 0, Set.of("inbound", "outbound")),
            new Column("status", Column.Type.TEXT, true, 0, Set.of("pending", "running", "success", "failed")),
            Column.of("records_processed", INT), Column.text("error_message", 0, false),
            Column.required("started_at", TIME), Column.of("completed_at", TIME), Column.of("metadata_json", JSON)),
            Map.of("records_processed", 0));

    final AuditKind kind;
    final String table;
    /** The partition column. */
    final String timeColumn;
    /**
     * The column that takes the record's {@code occurred_at} when it is not the partition column
     * (usage and sync rows: when the count or state was recorded); null when occurred_at IS the
     * partition column ({@code created_at}).
     */
    final String occurredColumn;
    final List<Column> columns;
    final Map<String, Object> defaults;

    AuditTable(AuditKind kind, String table, String timeColumn, String occurredColumn, List<Column> columns,
            Map<String, Object> defaults) {
        this.kind = kind;
        this.table = table;
        this.timeColumn = timeColumn;
        this.occurredColumn = occurredColumn;
        this.columns = columns;
        this.defaults = defaults;
    }

    public String tableName() {
        return table;
    }

    public String timeColumn() {
        return timeColumn;
    }

    public static AuditTable of(AuditKind kind) {
        for (AuditTable t : values()) {
            if (t.kind == kind) {
                return t;
            }
        }
        throw new IllegalArgumentException("no table for " + kind);
    }

    /** By table name as written in the API ({@code turn_records}, ...); null when unknown. */
    public static AuditTable named(String name) {
        for (AuditTable t : values()) {
            if (t.table.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Every column of a row read back: id, tenant, the data columns and the times. */
    List<String> insertColumns() {
        java.util.List<String> out = new java.util.ArrayList<>();
        out.add("id");
        if (occurredColumn == null) {
            out.add(timeColumn);
        } else {
            out.add(occurredColumn);
        }
        columns.forEach(c -> out.add(c.name()));
        return out;
    }

    /** The batch insert (not for audit_logs, which chains): $1 tenant, $2 a JSON array of row documents. */
    String insertSql() {
        List<String> cols = insertColumns();
        StringBuilder select = new StringBuilder("$1");
        for (String col : cols) {
            select.append(", ").append(expression(col));
        }
        return "INSERT INTO " + table + " (tenant_id, " + String.join(", ", cols) + ") SELECT " + select
                + " FROM jsonb_array_elements($2::jsonb) AS e(doc) ON CONFLICT DO NOTHING";
    }

    String expression(String col) {
        if (col.equals("id")) {
            return "(doc->>'id')::uuid";
        }
        if (col.equals(timeColumn) || col.equals(occurredColumn)) {
            return "(doc->>'" + col + "')::timestamptz";
        }
        return columns.stream().filter(c -> c.name().equals(col)).findFirst().orElseThrow().selectExpression();
    }
}
