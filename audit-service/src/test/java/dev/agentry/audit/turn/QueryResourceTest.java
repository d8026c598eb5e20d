package dev.agentry.audit.turn;

import static dev.agentry.audit.AuditTestSupport.as;
import static dev.agentry.audit.AuditTestSupport.ingest;
import static dev.agentry.audit.AuditTestSupport.log;
import static dev.agentry.audit.AuditTestSupport.record;
import static dev.agentry.audit.AuditTestSupport.turn;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read side: a session's turns in order, events by type and time, usage per day and month,
 * sync runs state by state, and an NDJSON export; the other tenant sees none of it.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class QueryResourceTest extends TwoTenantTest {

    private static final Instant T0 = Instant.parse("2026-09-30T22:00:00Z");
    private static UUID session;
    private static UUID run;

    @Override
    protected String schema() {
        return "audit";
    }

    @BeforeEach
    void data() {
        if (session != null && count() > 0) {
            return;
        }
        session = UUID.randomUUID();
        run = UUID.randomUUID();
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            records.add(record("turn_record", T0.plusSeconds(i * 600L), turn(session, i, "message " + i)));
        }
        Collections.reverse(records); // written out of order: read back in turn order
        records.add(record("turn_record", T0, turn(UUID.randomUUID(), 1, "another session")));
        for (int i = 0; i < 4; i++) {
            records.add(record("audit_event", T0.plusSeconds(i * 3600L), Map.of("event_type", i % 2 == 0 ? "decision" : "degraded",
                    "event_data", Map.of("n", i), "session_id", session.toString())));
        }
        // Usage across a day and a month boundary (2026-09-30 / 2026-10-01 UTC).
        records.add(usage("tokens", 100, "2026-09-30T10:00:00Z"));
        records.add(usage("tokens", 50, "2026-09-30T23:00:00Z"));
        records.add(usage("tokens", 7, "2026-10-01T01:00:00Z"));
        records.add(usage("api_calls", 3, "2026-10-01T02:00:00Z"));
        for (String status : List.of("pending", "running", "success")) {
            records.add(record("sync_log", T0.plusSeconds(60), Map.of("sync_run_id", run.toString(), "system", "zendesk",
                    "direction", "inbound", "status", status, "records_processed", status.equals("success") ? 42 : 0,
                    "started_at", T0.toString())));
        }
        records.add(record("audit_log", T0, log("user:a", "agent.created", "agent", "a1")));
        ingest(tenantA, records);
    }

    private static long count() {
        return dev.agentry.audit.AuditTestSupport.count(tenantA, "turn_records");
    }

    private static Map<String, Object> usage(String type, int value, String start) {
        Instant s = Instant.parse(start);
        return record("usage_metric", s.plusSeconds(3600), Map.of("metric_type", type, "metric_value", value,
                "period_start", start, "period_end", s.plusSeconds(3600).toString()));
    }

    @Test
    void aSessionsTurnsComeInTurnOrderPageByPage() {
        String cursor = as(tokenA(Roles.AUDITOR)).queryParam("limit", 4).get("/v1/audit/sessions/" + session + "/turns")
                .then().statusCode(200).body("items.turn_number", equalTo(List.of(1, 2, 3, 4)))
                .body("items[0].user_message", equalTo("message 1")).body("items[0].token_usage.prompt", equalTo(10))
                .body("items[0].rules_matched[0].id", equalTo("r1")).body("next_cursor", notNullValue())
                .extract().path("next_cursor");
        as(tokenA(Roles.TENANT_ADMIN)).queryParam("limit", 4).queryParam("cursor", cursor)
                .get("/v1/audit/sessions/" + session + "/turns").then()
                .body("items.turn_number", equalTo(List.of(5, 6, 7))).body("next_cursor", nullValue());
        as(tokenB(Roles.AUDITOR)).get("/v1/audit/sessions/" + session + "/turns").then().statusCode(200)
                .body("items", hasSize(0));
        as(tokenA(Roles.AGENT_RUNTIME)).get("/v1/audit/sessions/" + session + "/turns").then().statusCode(403);
        as(tokenA(Roles.AUDITOR)).queryParam("cursor", "abc").get("/v1/audit/sessions/" + session + "/turns").then()
                .statusCode(400).contentType("application/problem+json");
        as(tokenA(Roles.AUDITOR)).queryParam("limit", 500).get("/v1/audit/sessions/" + session + "/turns").then()
                .statusCode(400);
    }

    @Test
    void eventsByTypeAndTimeRange() {
        as(tokenA(Roles.AUDITOR)).queryParam("event_type", "decision").get("/v1/audit/events").then().statusCode(200)
                .body("items.event_data.n", containsInAnyOrder(0, 2));
        as(tokenA(Roles.AUDITOR)).queryParam("from", T0.plusSeconds(3600).toString())
                .queryParam("to", T0.plusSeconds(3 * 3600).toString()).get("/v1/audit/events").then()
                .body("items.event_data.n", containsInAnyOrder(2, 1));
        as(tokenA(Roles.AUDITOR)).queryParam("session_id", session.toString()).get("/v1/audit/events").then()
                .body("items", hasSize(4));
        as(tokenA(Roles.AUDITOR)).queryParam("session_id", "nope").get("/v1/audit/events").then().statusCode(400)
                .body("errors[0].field", equalTo("session_id"));
        as(tokenB(Roles.AUDITOR)).get("/v1/audit/events").then().body("items", hasSize(0));
    }

    @Test
    void usagePerDayAndMonth() {
        as(tokenA(Roles.AUDITOR)).queryParam("granularity", "day").queryParam("metric_type", "tokens")
                .queryParam("from", "2026-09-01T00:00:00Z").queryParam("to", "2026-11-01T00:00:00Z")
                .get("/v1/audit/usage").then().statusCode(200)
                .body("buckets.period", equalTo(List.of("2026-09-30T00:00:00Z", "2026-10-01T00:00:00Z")))
                .body("buckets.total", equalTo(List.of(150, 7))).body("buckets.samples", equalTo(List.of(2, 1)));
        as(tokenA(Roles.TENANT_ADMIN)).queryParam("granularity", "month")
                .queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "2027-01-01T00:00:00Z")
                .get("/v1/audit/usage").then().statusCode(200)
                .body("buckets.metric_type", equalTo(List.of("tokens", "api_calls", "tokens")))
                .body("buckets.total", equalTo(List.of(150, 3, 7)));
        as(tokenA(Roles.AUDITOR)).queryParam("granularity", "week").get("/v1/audit/usage").then().statusCode(400)
                .contentType("application/problem+json");
        as(tokenA(Roles.AUDITOR)).queryParam("granularity", "day").queryParam("from", "2020-01-01T00:00:00Z")
                .get("/v1/audit/usage").then().statusCode(400).body("errors[0].field", equalTo("from"));
        as(tokenB(Roles.AUDITOR)).queryParam("granularity", "month").queryParam("from", "2026-01-01T00:00:00Z")
                .get("/v1/audit/usage").then().body("buckets", hasSize(0));
    }

    @Test
    void aSyncRunIsOneRowPerState() {
        as(tokenA(Roles.AUDITOR)).queryParam("sync_run_id", run.toString()).get("/v1/audit/sync-logs").then()
                .statusCode(200).body("items.status", containsInAnyOrder("success", "running", "pending"))
                .body("items.find { it.status == 'success' }.records_processed", equalTo(42));
        as(tokenB(Roles.AUDITOR)).get("/v1/audit/sync-logs").then().body("items", hasSize(0));
    }

    @Test
    void exportStreamsNdjson() {
        String body = as(tokenA(Roles.AUDITOR)).queryParam("table", "turn_records").get("/v1/audit/export").then()
                .statusCode(200).contentType(containsString("application/x-ndjson")).extract().asString();
        String[] lines = body.strip().split("\n");
        assertEquals(8, lines.length, body);
        for (String line : lines) {
            JsonPath row = new JsonPath(line);
            assertTrue(row.getString("id") != null && row.get("tenant_id") == null, line);
        }
        String logs = as(tokenA(Roles.AUDITOR)).queryParam("table", "audit_logs").get("/v1/audit/export").then()
                .statusCode(200).extract().asString();
        assertEquals(1, logs.strip().split("\n").length, logs);
        assertEquals("", as(tokenB(Roles.AUDITOR)).queryParam("table", "turn_records").get("/v1/audit/export").then()
                .statusCode(200).extract().asString().strip());
        as(tokenA(Roles.AUDITOR)).queryParam("table", "pg_authid").get("/v1/audit/export").then().statusCode(400)
                .body("errors[0].field", equalTo("table"));
        as(tokenA(Roles.AGENT_RUNTIME)).queryParam("table", "turn_records").get("/v1/audit/export").then().statusCode(403);
    }
}
