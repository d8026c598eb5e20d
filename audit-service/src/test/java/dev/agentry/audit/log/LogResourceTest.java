package dev.agentry.audit.log;

import static dev.agentry.audit.AuditTestSupport.as;
import static dev.agentry.audit.AuditTestSupport.ingest;
import static dev.agentry.audit.AuditTestSupport.log;
import static dev.agentry.audit.AuditTestSupport.ownerQuery;
import static dev.agentry.audit.AuditTestSupport.record;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Audit logs: filtered lists, and a hash chain that verifies until someone edits a row in the database. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LogResourceTest extends TwoTenantTest {

    @Override
    protected String schema() {
        return "audit";
    }

    /** old_values a service did not send: the resource's state after its previous recorded change. */
    @Test
    void anUpdateOrDeleteGetsTheOldValuesOfThePreviousChange() {
        UUID tenant = UUID.randomUUID(); // its own: the other tests count tenant A's logs
        UUID other = UUID.randomUUID();
        Instant t0 = Instant.parse("2026-10-06T10:00:00Z");
        java.util.Map<String, Object> created = log("user:ann", "agent.created", "agent", "o1");
        created.put("new_values", java.util.Map.of("name", "Shop", "temperature", 0.2));
        java.util.Map<String, Object> renamed = log("user:ann", "agent.updated", "agent", "o1");
        renamed.put("new_values", java.util.Map.of("name", "Shop Two", "temperature", 0.2));
        java.util.Map<String, Object> failed = log("user:ann", "agent.updated", "agent", "o1");
        failed.put("status", "failure");
        failed.put("new_values", null);
        ingest(tenant, List.of(record("audit_log", t0, created), record("audit_log", t0.plusSeconds(1), renamed),
                record("audit_log", t0.plusSeconds(2), failed)));
        // A later batch: found among the stored rows; the failed attempt is not a state.
        java.util.Map<String, Object> deleted = log("user:bob", "agent.deleted", "agent", "o1");
        deleted.remove("new_values");
        java.util.Map<String, Object> sent = log("user:bob", "agent.updated", "agent", "o2");
        sent.put("old_values", java.util.Map.of("name", "as the service said"));
        ingest(tenant, List.of(record("audit_log", t0.plusSeconds(3), deleted), record("audit_log", t0.plusSeconds(4), sent)));

        var logs = as(dev.agentry.common.testing.TestApi.auditor(tenant)).queryParam("resource_type", "agent").get("/v1/audit/logs").then().statusCode(200);
        logs.body("items.find { it.action == 'agent.created' }.old_values", nullValue())
                .body("items.find { it.action == 'agent.updated' && it.status == 'success' && it.resource_id == 'o1' }.old_values.name",
                        equalTo("Shop"))
                .body("items.find { it.action == 'agent.deleted' }.old_values.name", equalTo("Shop Two"))
                .body("items.find { it.resource_id == 'o2' }.old_values.name", equalTo("as the service said"));
        // Another tenant's resource of the same id has no history from this one.
        java.util.Map<String, Object> elsewhere = log("user:x", "agent.updated", "agent", "o1");
        ingest(other, List.of(record("audit_log", t0.plusSeconds(5), elsewhere)));
        as(dev.agentry.common.testing.TestApi.auditor(other)).get("/v1/audit/logs").then().body("items[0].old_values", nullValue());
        as(dev.agentry.common.testing.TestApi.auditor(tenant)).get("/v1/audit/verify").then().body("verified", equalTo(true));
    }

    @Test
    void logsAreFilteredByActorActionResourceAndTime() {
        Instant t0 = Instant.parse("2026-10-05T10:00:00Z");
        ingest(tenantA, List.of(
                record("audit_log", t0, log("user:ann", "agent.created", "agent", "a1")),
                record("audit_log", t0.plusSeconds(60), log("user:bob", "agent.updated", "agent", "a1")),
                record("audit_log", t0.plusSeconds(120), log("user:ann", "rule.updated", "rule", "r9"))));
        as(tokenA(Roles.AUDITOR)).get("/v1/audit/logs").then().statusCode(200).body("items", hasSize(3))
                // Ids of records made in the same millisecond need not be in the order they were made.
                .body("items.find { it.action == 'rule.updated' }.chain_seq", equalTo(3))
                .body("items.find { it.action == 'rule.updated' }.ip_address", equalTo("10.1.2.3"))
                .body("items.find { it.action == 'rule.updated' }.new_values.name", equalTo("value of r9"));
        as(tokenA(Roles.AUDITOR)).queryParam("actor", "user:ann").get("/v1/audit/logs").then().body("items", hasSize(2));
        as(tokenA(Roles.TENANT_ADMIN)).queryParam("action", "agent.updated").get("/v1/audit/logs").then()
                .body("items", hasSize(1)).body("items[0].actor", equalTo("user:bob"));
        as(tokenA(Roles.AUDITOR)).queryParam("resource_type", "agent").queryParam("resource_id", "a1")
                .get("/v1/audit/logs").then().body("items", hasSize(2));
        as(tokenA(Roles.AUDITOR)).queryParam("from", "2026-10-05T10:00:30Z").queryParam("to", "2026-10-05T10:01:30Z")
                .get("/v1/audit/logs").then().body("items", hasSize(1)).body("items[0].actor", equalTo("user:bob"));
        // Pages of one.
        var first = as(tokenA(Roles.AUDITOR)).queryParam("limit", 2).get("/v1/audit/logs").then()
                .body("items", hasSize(2)).body("next_cursor", notNullValue()).extract();
        java.util.List<String> actions = new java.util.ArrayList<>(first.path("items.action"));
        actions.addAll(as(tokenA(Roles.AUDITOR)).queryParam("limit", 2).queryParam("cursor", (String) first.path("next_cursor"))
                .get("/v1/audit/logs").then().body("items", hasSize(1)).body("next_cursor", nullValue())
                .extract().path("items.action"));
        // The two pages hold each log once (ids made in one millisecond need not sort by time).
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Set.of("agent.created", "agent.updated", "rule.updated"),
                new java.util.HashSet<>(actions));
        org.junit.jupiter.api.Assertions.assertEquals(3, actions.size());

        // The other tenant sees nothing; readers other than auditors and admins are refused.
        as(tokenB(Roles.AUDITOR)).get("/v1/audit/logs").then().statusCode(200).body("items", hasSize(0));
        as(tokenB(Roles.AUDITOR)).get("/v1/audit/verify").then().statusCode(200).body("checked", equalTo(0));
        for (String role : List.of(Roles.AGENT_RUNTIME, Roles.VIEWER)) {
            as(tokenA(role)).get("/v1/audit/logs").then().statusCode(403).contentType("application/problem+json");
            as(tokenA(role)).get("/v1/audit/verify").then().statusCode(403);
        }
        // Bad input.
        as(tokenA(Roles.AUDITOR)).queryParam("from", "yesterday").get("/v1/audit/logs").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("from"));
        as(tokenA(Roles.AUDITOR)).queryParam("from", "2026-10-06T00:00:00Z").queryParam("to", "2026-10-05T00:00:00Z")
                .get("/v1/audit/verify").then().statusCode(400).body("errors[0].field", equalTo("to"));
        as(tokenA(Roles.AUDITOR)).queryParam("limit", 0).get("/v1/audit/logs").then().statusCode(400);
        as(tokenA(Roles.AUDITOR)).queryParam("cursor", "!!").get("/v1/audit/logs").then().statusCode(400);
    }

    @Test
    void theChainVerifiesAndAnEditedOrDeletedRowIsNamed() {
        UUID tenant = UUID.randomUUID();
        String auditor = dev.agentry.audit.AuditTestSupport.auditor(tenant);
        Instant t0 = Instant.now().minusSeconds(3600);
        // Three batches, out of time order: the chain follows the order of writing, not created_at.
        for (int batch = 0; batch < 3; batch++) {
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                records.add(record("audit_log", t0.plusSeconds(batch * 100L + (9 - i)),
                        log("user:" + i, "profile.merged", "profile", "p" + batch + "-" + i)));
            }
            ingest(tenant, records);
        }
        as(auditor).get("/v1/audit/verify").then().statusCode(200).body("verified", equalTo(true))
                .body("complete", equalTo(true)).body("checked", equalTo(30)).body("first_seq", equalTo(1))
                .body("last_seq", equalTo(30)).body("broken", nullValue());
        // A sub-range checks its rows against their predecessors outside the range too.
        as(auditor).queryParam("from", t0.plusSeconds(100).toString()).queryParam("to", t0.plusSeconds(200).toString())
                .get("/v1/audit/verify").then().body("verified", equalTo(true)).body("checked", equalTo(10));

        // Someone with database access rewrites what was done to a resource...
        assertEquals(1, ownerQuery(tenant, "UPDATE audit.audit_logs SET new_values = '{\"name\": \"forged\"}' "
                + "WHERE chain_seq = 17"));
        as(auditor).get("/v1/audit/verify").then().body("verified", equalTo(false)).body("checked", equalTo(17))
                .body("broken.chain_seq", equalTo(17)).body("broken.reason", equalTo("content_changed"));
        // ...or who did it, and recomputes nothing (or even the content hash): the link breaks.
        ownerQuery(tenant, "UPDATE audit.audit_logs SET content_hash = audit.audit_log_content_hash(old_values, "
                + "new_values, ip_address, user_agent, error_message, metadata) WHERE chain_seq = 17");
        as(auditor).get("/v1/audit/verify").then().body("broken.chain_seq", equalTo(17))
                .body("broken.reason", equalTo("row_changed"));
        ownerQuery(tenant, "UPDATE audit.audit_logs SET new_values = '{\"name\": \"value of p1-6\"}' WHERE chain_seq = 17");
        ownerQuery(tenant, "UPDATE audit.audit_logs SET content_hash = audit.audit_log_content_hash(old_values, "
                + "new_values, ip_address, user_agent, error_message, metadata) WHERE chain_seq = 17");
        as(auditor).get("/v1/audit/verify").then().body("verified", equalTo(true));
        ownerQuery(tenant, "UPDATE audit.audit_logs SET actor = 'user:nobody' WHERE chain_seq = 5");
        as(auditor).get("/v1/audit/verify").then().body("broken.chain_seq", equalTo(5))
                .body("broken.reason", equalTo("row_changed"));
        ownerQuery(tenant, "UPDATE audit.audit_logs SET actor = 'user:4' WHERE chain_seq = 5");
        as(auditor).get("/v1/audit/verify").then().body("verified", equalTo(true));
        // A row removed: the next one names the gap.
        assertEquals(1, ownerQuery(tenant, "DELETE FROM audit.audit_logs WHERE chain_seq = 23"));
        as(auditor).get("/v1/audit/verify").then().body("verified", equalTo(false))
                .body("broken.chain_seq", equalTo(24)).body("broken.reason", equalTo("previous_row_missing"));
        // Appending goes on from the head, and the new rows link to it.
        ingest(tenant, List.of(record("audit_log", Instant.now(), log("user:z", "agent.deleted", "agent", "a9"))));
        as(auditor).queryParam("from", Instant.now().minusSeconds(60).toString()).get("/v1/audit/verify").then()
                .body("verified", equalTo(true)).body("first_seq", equalTo(31));
    }
}
