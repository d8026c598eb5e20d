package dev.agentry.audit.subject;

import static dev.agentry.audit.AuditTestSupport.as;
import static dev.agentry.audit.AuditTestSupport.ingest;
import static dev.agentry.audit.AuditTestSupport.log;
import static dev.agentry.audit.AuditTestSupport.record;
import static dev.agentry.audit.AuditTestSupport.turn;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** DELETE /v1/audit/subjects/{profile_id}: personal text goes, counts and hashes stay, the chain verifies. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SubjectResourceTest extends TwoTenantTest {

    @Override
    protected String schema() {
        return "audit";
    }

    @Test
    void erasureRedactsThePersonAndTheChainStillVerifies() {
        UUID profile = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        Instant now = Instant.now();
        Map<String, Object> t1 = new HashMap<>(turn(session, 1, "my phone is 0900 000 001"));
        t1.put("profile_id", profile.toString());
        Map<String, Object> t2 = new HashMap<>(turn(session, 2, "and my address is ..."));
        t2.put("profile_id", profile.toString());
        ingest(tenantA, List.of(record("turn_record", now, t1), record("turn_record", now, t2),
                record("turn_record", now, turn(UUID.randomUUID(), 1, "someone else")),
                record("audit_event", now, Map.of("event_type", "decision", "event_data", Map.of("name", "Ann"),
                        "profile_id", profile.toString())),
                record("audit_log", now, log("user:1", "profile.updated", "profile", profile.toString())),
                record("audit_log", now, log("user:1", "agent.updated", "agent", "a1"))));
        as(tokenA(Roles.AUDITOR)).get("/v1/audit/verify").then().body("verified", equalTo(true));

        // Only a tenant admin erases; another tenant's erasure touches nothing of A's.
        as(tokenA(Roles.AUDITOR)).delete("/v1/audit/subjects/" + profile).then().statusCode(403);
        as(tokenA(Roles.AGENT_RUNTIME)).delete("/v1/audit/subjects/" + profile).then().statusCode(403);
        as(tokenB(Roles.TENANT_ADMIN)).delete("/v1/audit/subjects/" + profile).then().statusCode(200)
                .body("turn_records", equalTo(0)).body("audit_events", equalTo(0)).body("audit_logs", equalTo(0));
        as(tokenA(Roles.TENANT_ADMIN)).delete("/v1/audit/subjects/not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json");

        as(tokenA(Roles.TENANT_ADMIN)).delete("/v1/audit/subjects/" + profile).then().statusCode(200)
                .body("profile_id", equalTo(profile.toString())).body("turn_records", equalTo(2))
                .body("audit_events", equalTo(1)).body("audit_logs", equalTo(1)).body("redacted_at", notNullValue());
        as(tokenA(Roles.TENANT_ADMIN)).delete("/v1/audit/subjects/" + profile).then().statusCode(200)
                .body("turn_records", equalTo(0));

        as(tokenA(Roles.AUDITOR)).get("/v1/audit/sessions/" + session + "/turns").then()
                .body("items.user_message", equalTo(List.of("[redacted]", "[redacted]")))
                .body("items[0].latency_ms", equalTo(12)).body("items[0].redacted_at", notNullValue());
        as(tokenA(Roles.AUDITOR)).queryParam("resource_type", "profile").get("/v1/audit/logs").then()
                .body("items[0].new_values", nullValue()).body("items[0].ip_address", nullValue())
                .body("items[0].action", equalTo("profile.updated")).body("items[0].redacted_at", notNullValue());
        as(tokenA(Roles.AUDITOR)).queryParam("resource_type", "agent").get("/v1/audit/logs").then()
                .body("items[0].new_values.name", equalTo("value of a1"));
        as(tokenA(Roles.AUDITOR)).queryParam("event_type", "decision").get("/v1/audit/events").then()
                .body("items[0].event_data.redacted", equalTo(true));
        as(tokenA(Roles.AUDITOR)).get("/v1/audit/verify").then().body("verified", equalTo(true))
                .body("checked", equalTo(2));
    }

    @jakarta.inject.Inject
    dev.agentry.common.testing.ErasureStream erasures;

    /** profile-service's erasure event reaches the audit trail: redacted as by the API, a receipt with the counts. */
    @Test
    void anErasureEventRedactsThePersonAndAnswersWithAReceipt() {
        UUID profile = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        Instant now = Instant.now();
        Map<String, Object> t1 = new HashMap<>(turn(session, 1, "my card ends in 4242"));
        t1.put("profile_id", profile.toString());
        ingest(tenantA, List.of(record("turn_record", now, t1), record("turn_record", now, turn(UUID.randomUUID(), 1, "someone else"))));

        var touched = erasures.erase(tenantA, List.of(profile));
        org.junit.jupiter.api.Assertions.assertEquals("audit", touched.getString("store"));
        org.junit.jupiter.api.Assertions.assertEquals(1, touched.getInteger("turn_records"));
        as(tokenA(Roles.AUDITOR)).get("/v1/audit/sessions/" + session + "/turns").then()
                .body("items.user_message", equalTo(List.of("[redacted]")));
        as(tokenA(Roles.AUDITOR)).get("/v1/audit/verify").then().body("verified", equalTo(true));
    }

    /** DELETE /v1/audit/sessions/{session_id}: one conversation's text goes, whoever it was with; the rest stays. */
    @Test
    void aSessionIsErasedFromTheTrail() {
        UUID session = UUID.randomUUID();
        UUID otherSession = UUID.randomUUID();
        Instant now = Instant.now();
        ingest(tenantA, List.of(record("turn_record", now, turn(session, 1, "my flat is at 12 Rose St")),
                record("turn_record", now, turn(session, 2, "call me on 0900 000 002")),
                record("turn_record", now, turn(otherSession, 1, "kept")),
                record("audit_event", now, Map.of("event_type", "decision", "event_data", Map.of("name", "Ann"),
                        "session_id", session.toString()))));

        as(tokenA(Roles.AGENT_RUNTIME)).delete("/v1/audit/sessions/" + session).then().statusCode(403);
        as(tokenB(Roles.TENANT_ADMIN)).delete("/v1/audit/sessions/" + session).then().statusCode(200)
                .body("turn_records", equalTo(0)).body("audit_events", equalTo(0));
        as(tokenA(Roles.TENANT_ADMIN)).delete("/v1/audit/sessions/not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json");
        as(tokenA(Roles.TENANT_ADMIN)).delete("/v1/audit/sessions/" + session).then().statusCode(200)
                .body("session_id", equalTo(session.toString())).body("turn_records", equalTo(2))
                .body("audit_events", equalTo(1)).body("redacted_at", notNullValue());
        as(tokenA(Roles.TENANT_ADMIN)).delete("/v1/audit/sessions/" + session).then().statusCode(200)
                .body("turn_records", equalTo(0));

        as(tokenA(Roles.AUDITOR)).get("/v1/audit/sessions/" + session + "/turns").then()
                .body("items.user_message", equalTo(List.of("[redacted]", "[redacted]")))
                .body("items[1].turn_number", equalTo(2));
        as(tokenA(Roles.AUDITOR)).get("/v1/audit/sessions/" + otherSession + "/turns").then()
                .body("items.user_message", equalTo(List.of("kept")));
    }
}
