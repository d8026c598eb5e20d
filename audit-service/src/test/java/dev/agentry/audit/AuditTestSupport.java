package dev.agentry.audit;

import dev.agentry.common.id.Ids;
import dev.agentry.common.testing.TestApi;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Shared steps of audit-service tests: tokens per role, records, row counts and direct SQL as the owner. */
public final class AuditTestSupport extends TestApi {

    public static final List<String> TABLES = List.of("turn_records", "audit_events", "audit_logs", "usage_metrics",
            "integration_sync_logs");

    private AuditTestSupport() {
    }

    public static Map<String, Object> record(String kind, Instant at, Map<String, Object> data) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", Ids.newId().toString());
        r.put("kind", kind);
        r.put("occurred_at", at.toString());
        r.put("data", data);
        return r;
    }

    public static Map<String, Object> turn(UUID session, int number, String message) {
        return Map.of("session_id", session.toString(), "turn_number", number, "user_message", message,
                "assistant_response", "answer " + number, "latency_ms", 12, "model", "test-model",
                "token_usage", Map.of("prompt", 10, "completion", 5), "rules_matched", List.of(Map.of("id", "r1")));
    }

    public static Map<String, Object> log(String actor, String action, String resourceType, String resourceId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("actor", actor);
        m.put("action", action);
        m.put("resource_type", resourceType);
        m.put("resource_id", resourceId);
        m.put("status", "success");
        m.put("new_values", Map.of("name", "value of " + resourceId));
        m.put("ip_address", "10.1.2.3");
        m.put("user_agent", "test");
        return m;
    }

    /** Posts a batch as the agent runtime; answers the number of rows newly stored. */
    public static int ingest(UUID tenant, List<Map<String, Object>> records) {
        return as(runtime(tenant)).body(Map.of("records", records)).post("/v1/audit/records")
                .then().statusCode(200).extract().path("inserted");
    }

    /** Rows of one tenant in one table, read as the owner with the tenant bound (RLS is forced on the owner too). */
    public static long count(UUID tenant, String table) {
        return ownerQuery(tenant, "SELECT count(*) FROM audit." + table);
    }

    /** Runs SQL as the schema owner with {@code tenant} bound; answers the first column of the first row (or the update count). */
    public static long ownerQuery(UUID tenant, String sql) {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.migrations.jdbc.url", String.class);
        String user = config.getValue("quarkus.datasource.migrations.username", String.class);
        String password = config.getOptionalValue("quarkus.datasource.migrations.password", String.class).orElse("");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("SELECT set_config('app.tenant_id', '" + tenant + "', false)");
            if (s.execute(sql)) {
                try (ResultSet rs = s.getResultSet()) {
                    return rs.next() ? rs.getLong(1) : -1;
                }
            }
            return s.getUpdateCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
