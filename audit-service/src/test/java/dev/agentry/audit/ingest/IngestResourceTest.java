package dev.agentry.audit.ingest;

import static dev.agentry.audit.AuditTestSupport.as;
import static dev.agentry.audit.AuditTestSupport.count;
import static dev.agentry.audit.AuditTestSupport.log;
import static dev.agentry.audit.AuditTestSupport.record;
import static dev.agentry.audit.AuditTestSupport.turn;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentry.audit.AuditTestSupport;
import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** POST /v1/audit/records: idempotent batches, checked field by field, for the agent runtime only. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class IngestResourceTest extends TwoTenantTest {

    @Override
    protected String schema() {
        return "audit";
    }

    private static List<Map<String, Object>> oneOfEach(Instant at) {
        return List.of(record("turn_record", at, turn(UUID.randomUUID(), 1, "hello")),
                record("audit_event", at, Map.of("event_type", "decision", "event_data", Map.of("why", "rule r1"))),
                record("audit_log", at, log("user:1", "agent.created", "agent", "a1")),
                record("usage_metric", at, Map.of("metric_type", "tokens", "metric_value", 120,
                        "period_start", at.toString(), "period_end", at.plusSeconds(3600).toString())),
                record("sync_log", at, Map.of("sync_run_id", UUID.randomUUID().toString(), "system", "jira",
                        "direction", "outbound", "status", "success", "records_processed", 7,
                        "started_at", at.minusSeconds(10).toString(), "completed_at", at.toString())));
    }

    @Test
    void theSameBatchTwiceStoresEachRecordOnce() {
        List<Map<String, Object>> batch = oneOfEach(Instant.now());
        as(tokenA(Roles.AGENT_RUNTIME)).body(Map.of("records", batch)).post("/v1/audit/records").then()
                .statusCode(200).body("accepted", equalTo(5)).body("inserted", equalTo(5)).body("duplicates", equalTo(0));
        as(tokenA(Roles.AGENT_RUNTIME)).body(Map.of("records", batch)).post("/v1/audit/records").then()
                .statusCode(200).body("inserted", equalTo(0)).body("duplicates", equalTo(5));
        // The same record twice inside one batch, too.
        Map<String, Object> twice = record("audit_event", Instant.now(), Map.of("event_type", "x", "event_data", 1));
        as(tokenA(Roles.AGENT_RUNTIME)).body(Map.of("records", List.of(twice, twice))).post("/v1/audit/records").then()
                .statusCode(200).body("inserted", equalTo(1));
        for (String table : AuditTestSupport.TABLES) {
            assertEquals(table.equals("audit_events") ? 2 : 1, count(tenantA, table), table);
            assertEquals(0, count(tenantB, table), table);
        }
    }

    @Test
    void onlyTheAgentRuntimeWrites() {
        Map<String, Object> body = Map.of("records", oneOfEach(Instant.now()));
        for (String role : List.of(Roles.AUDITOR, Roles.TENANT_ADMIN, Roles.VIEWER)) {
            as(tokenA(role)).body(body).post("/v1/audit/records").then().statusCode(403)
                    .contentType("application/problem+json");
        }
        given().contentType("application/json").body(body).post("/v1/audit/records").then().statusCode(401);
    }

    @Test
    void badRecordsAre400NamingTheFieldAndStoreNothing() {
        UUID tenant = UUID.randomUUID();
        Instant now = Instant.now();
        Map<String, Object> unknownField = new HashMap<>(turn(UUID.randomUUID(), 1, "x"));
        unknownField.put("secret_field", "x");
        Map<String, Object> noMessage = new HashMap<>(turn(UUID.randomUUID(), 1, "x"));
        noMessage.remove("user_message");
        List<Map<String, Object>> bad = new ArrayList<>(List.of(
                record("turn_record", now, unknownField),
                record("turn_record", now, noMessage),
                record("audit_log", now, Map.of("action", "a", "resource_type", "r", "status", "maybe")),
                record("audit_event", Instant.parse("1999-12-31T00:00:00Z"), Map.of("event_type", "x", "event_data", 1)),
                record("usage_metric", now, Map.of("metric_type", "t", "metric_value", -1, "period_start", now.toString(),
                        "period_end", now.toString())),
                record("audit_log", now, Map.of("action", "a", "resource_type", "r", "status", "success",
                        "ip_address", "not an ip"))));
        as(AuditTestSupport.runtime(tenant)).body(Map.of("records", bad)).post("/v1/audit/records").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("records[0].data.secret_field", "records[1].data.user_message",
                        "records[2].data.status", "records[3].occurred_at", "records[4].data.metric_value",
                        "records[5].data.ip_address"));
        for (String table : AuditTestSupport.TABLES) {
            assertEquals(0, count(tenant, table), table);
        }
        // Not even a record: an unknown kind, an empty batch, malformed JSON.
        as(AuditTestSupport.runtime(tenant)).body(Map.of("records", List.of(Map.of("kind", "table", "data", Map.of()))))
                .post("/v1/audit/records").then().statusCode(400).contentType("application/problem+json");
        as(AuditTestSupport.runtime(tenant)).body(Map.of("records", List.of())).post("/v1/audit/records").then()
                .statusCode(400).body("errors.field", hasItem("records"));
        as(AuditTestSupport.runtime(tenant)).body("{\"records\": [").post("/v1/audit/records").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aBatchOverTheLimitIsRefused() {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(record("audit_event", Instant.now(), Map.of("event_type", "x", "event_data", i)));
        }
        as(tokenA(Roles.AGENT_RUNTIME)).body(Map.of("records", many)).post("/v1/audit/records").then().statusCode(400)
                .body("errors.field", hasItem("records"));
    }
}
