package dev.agentry.catalog.bot;

import static dev.agentry.catalog.CatalogTestSupport.admin;
import static dev.agentry.catalog.CatalogTestSupport.as;
import static dev.agentry.catalog.CatalogTestSupport.body;
import static dev.agentry.catalog.CatalogTestSupport.bot;
import static dev.agentry.catalog.CatalogTestSupport.botVersion;
import static dev.agentry.catalog.CatalogTestSupport.platform;
import static dev.agentry.catalog.CatalogTestSupport.rowCounts;
import static dev.agentry.catalog.CatalogTestSupport.runtime;
import static dev.agentry.catalog.CatalogTestSupport.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bots, versions with exactly one active, activation and rollback (recorded), the A/B split by session. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BotResourceTest extends TwoTenantTest {

    @Inject
    TenantTransactions tx;

    @Override
    protected String schema() {
        return "catalog";
    }

    @Test
    void crudOfBotsAndOtherTenantsSeeNothing() {
        String agent = UUID.randomUUID().toString();
        String id = as(admin(tenantA)).body(body("code", "sales-bot", "name", "Sales", "agent_id", agent)).post("/v1/bots")
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.containsString("/v1/bots/"))
                .body("code", equalTo("sales-bot")).body("status", equalTo("active")).body("agent_id", equalTo(agent))
                .body("active_version", nullValue()).extract().path("id");
        as(viewer(tenantA)).get("/v1/bots/" + id).then().statusCode(200).body("name", equalTo("Sales"));
        as(viewer(tenantA)).get("/v1/bots?agent_id=" + agent).then().statusCode(200).body("items.id", contains(id));
        // A duplicate code is 409 and writes nothing.
        Map<String, Long> before = rowCounts(tenantA);
        as(admin(tenantA)).body(body("code", "sales-bot", "name", "Again", "agent_id", agent)).post("/v1/bots").then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", equalTo("code"));
        // Bad input is 400 problem+json and writes nothing.
        as(admin(tenantA)).body(body("code", "Bad Code", "name", "x", "agent_id", agent)).post("/v1/bots").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("code"));
        as(admin(tenantA)).body(body("code", "no-agent", "name", "x")).post("/v1/bots").then().statusCode(400)
                .body("errors[0].field", equalTo("agent_id"));
        as(admin(tenantA)).body(body("code", "bad-domain", "name", "x", "agent_id", agent, "domain_id", UUID.randomUUID().toString()))
                .post("/v1/bots").then().statusCode(400).body("errors[0].field", equalTo("domain_id"));
        as(viewer(tenantA)).body(body("code", "viewer-bot", "name", "x", "agent_id", agent)).post("/v1/bots").then().statusCode(403);
        assertEquals(before, rowCounts(tenantA));

        as(admin(tenantA)).body(body("name", "Sales 2", "agent_id", agent, "status", "active")).put("/v1/bots/" + id).then()
                .statusCode(200).body("name", equalTo("Sales 2")).body("code", equalTo("sales-bot"));
        as(admin(tenantA)).body(body("name", "Sales 2", "agent_id", agent, "status", "gone")).put("/v1/bots/" + id).then()
                .statusCode(400).body("errors[0].field", equalTo("status"));

        // Tenant B: 404 everywhere, empty lists, its writes change nothing of A's.
        as(viewer(tenantB)).get("/v1/bots/" + id).then().statusCode(404).contentType("application/problem+json");
        as(viewer(tenantB)).get("/v1/bots").then().statusCode(200).body("items", hasSize(0));
        as(admin(tenantB)).body(body("name", "Stolen", "agent_id", agent, "status", "active")).put("/v1/bots/" + id).then().statusCode(404);
        as(admin(tenantB)).delete("/v1/bots/" + id).then().statusCode(404);
        as(admin(tenantB)).body(body("system_prompt", "x")).post("/v1/bots/" + id + "/versions").then().statusCode(404);
        as(viewer(tenantB)).get("/v1/bots/" + id + "/versions").then().statusCode(404);
        as(viewer(tenantB)).get("/v1/bots/" + id + "/history").then().statusCode(404);
        as(admin(tenantB)).post("/v1/bots/" + id + "/rollback").then().statusCode(404);
        as(viewer(tenantB)).get("/v1/bots/" + id + "/version-for-session/s-1").then().statusCode(404);
        as(viewer(tenantB)).get("/v1/bots/" + id + "/traffic-split").then().statusCode(404);
        // B may reuse the code.
        bot(tenantB, "sales-bot");

        as(admin(tenantA)).delete("/v1/bots/" + id).then().statusCode(204);
        as(viewer(tenantA)).get("/v1/bots/" + id).then().statusCode(200).body("status", equalTo("archived"));
        as(viewer(tenantA)).get("/v1/bots?status=active").then().statusCode(200).body("items.id", not(hasItem(id)));
        as(runtime(tenantA)).get("/v1/bots/" + id + "/version-for-session/s-1").then().statusCode(409);
    }

    @Test
    void versionsActivateAndRollBackWithExactlyOneActive() {
        String capability = as(platform(tenantA)).body(body("code", "faq_answering", "name", "FAQ answering")).post("/v1/capabilities")
                .then().statusCode(201).extract().path("id");
        String botId = bot(tenantA, "support");
        String v1 = as(admin(tenantA)).body(body("system_prompt", "You are polite.", "flow_config", Map.of("greeting", "Hi"),
                "capabilities", List.of("faq_answering"), "note", "first")).post("/v1/bots/" + botId + "/versions")
                .then().statusCode(201).body("version", equalTo(1)).body("active", equalTo(false))
                .body("capabilities", contains("faq_answering")).body("flow_config.greeting", equalTo("Hi"))
                .extract().path("id");
        String v2 = botVersion(tenantA, botId, "You are brief.");
        String v3 = botVersion(tenantA, botId, "You are funny.");
        assertTrue(capability != null);
        // An unknown capability is 400 and writes nothing.
        Map<String, Long> before = rowCounts(tenantA);
        as(admin(tenantA)).body(body("capabilities", List.of("faq_answering", "mind_reading"))).post("/v1/bots/" + botId + "/versions")
                .then().statusCode(400).body("errors[0].field", equalTo("capabilities[1]"));
        as(admin(tenantA)).body(body("flow_config", "not an object")).post("/v1/bots/" + botId + "/versions").then().statusCode(400);
        assertEquals(before, rowCounts(tenantA));
        // Nothing to roll back yet; nothing to serve yet.
        as(admin(tenantA)).post("/v1/bots/" + botId + "/rollback").then().statusCode(409).contentType("application/problem+json");
        as(runtime(tenantA)).get("/v1/bots/" + botId + "/version-for-session/s-1").then().statusCode(409);

        activate(botId, v1).body("active", equalTo(true)).body("version", equalTo(1));
        as(admin(tenantA)).post("/v1/bots/" + botId + "/rollback").then().statusCode(409);
        activate(botId, v2).body("version", equalTo(2));
        activate(botId, v3).body("version", equalTo(3));
        as(viewer(tenantA)).get("/v1/bots/" + botId).then().body("active_version", equalTo(3)).body("active_version_id", equalTo(v3));
        as(viewer(tenantA)).get("/v1/bots/" + botId + "/versions").then().statusCode(200)
                .body("version", contains(3, 2, 1)).body("active", contains(true, false, false));
        // Activating the active version again changes nothing and records nothing.
        activate(botId, v3);
        // One call rolls back to the version active before: 3 -> 2; again: 2 -> 3 (what the first rollback left).
        as(admin(tenantA)).post("/v1/bots/" + botId + "/rollback").then().statusCode(200).body("id", equalTo(v2)).body("active", equalTo(true));
        as(viewer(tenantA)).get("/v1/bots/" + botId + "/versions").then().body("active", contains(false, true, false));
        as(admin(tenantA)).post("/v1/bots/" + botId + "/rollback").then().statusCode(200).body("id", equalTo(v3));
        as(viewer(tenantA)).get("/v1/bots/" + botId + "/history").then().statusCode(200)
                .body("items.kind", contains("rollback", "rollback", "activate", "activate", "activate"))
                .body("items[1].from_version_id", equalTo(v3)).body("items[1].to_version_id", equalTo(v2))
                .body("items[4].from_version_id", nullValue()).body("items[4].to_version_id", equalTo(v1))
                .body("items[0].actor", not(nullValue()));
        as(viewer(tenantA)).get("/v1/bots/" + botId + "/history?limit=2").then().statusCode(200).body("items", hasSize(2))
                .body("next_cursor", not(nullValue()));
        // Exactly one active version, and the database itself refuses a second one.
        assertEquals(1, rowCountActive(botId));
        Throwable refused = tx.inTenant(tenantA, conn -> conn.preparedQuery("UPDATE bot_version SET is_active = true, "
                + "activated_at = now() WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenantA, UUID.fromString(v1))))
                .onItem().transform(r -> (Throwable) null).onFailure().recoverWithItem(e -> e).await().atMost(Duration.ofSeconds(10));
        assertTrue(refused != null && refused.getMessage().contains("uq_bot_version_active"), String.valueOf(refused));
        // A version that has been active is never deleted; one that never served is.
        as(admin(tenantA)).delete("/v1/bots/" + botId + "/versions/" + v1).then().statusCode(409);
        String v4 = botVersion(tenantA, botId, "draft");
        as(admin(tenantA)).delete("/v1/bots/" + botId + "/versions/" + v4).then().statusCode(204);
        as(viewer(tenantA)).get("/v1/bots/" + botId + "/versions/" + v4).then().statusCode(404);
        // Another tenant's bot's version, or a version of another bot, is 404.
        String other = bot(tenantA, "other");
        as(admin(tenantA)).post("/v1/bots/" + other + "/versions/" + v1 + "/activate").then().statusCode(404);
        as(admin(tenantB)).post("/v1/bots/" + botId + "/versions/" + v1 + "/activate").then().statusCode(404);
        as(viewer(tenantB)).get("/v1/bots/" + botId + "/versions/" + v1).then().statusCode(404);
        as(admin(tenantB)).delete("/v1/bots/" + botId + "/versions/" + v2).then().statusCode(404);
        as(viewer(tenantA)).get("/v1/bots/" + botId).then().body("active_version_id", equalTo(v3));
    }

    private int rowCountActive(String botId) {
        return as(viewer(tenantA)).get("/v1/bots/" + botId + "/versions").then().extract().<List<Boolean>> path("active").stream()
                .mapToInt(b -> b ? 1 : 0).sum();
    }

    private io.restassured.response.ValidatableResponse activate(String botId, String versionId) {
        return as(admin(tenantA)).post("/v1/bots/" + botId + "/versions/" + versionId + "/activate").then().statusCode(200);
    }

    @Test
    void theSplitIsWithinFivePercentAndStablePerSession() {
        String botId = bot(tenantA, "ab");
        String v1 = botVersion(tenantA, botId, "A");
        String v2 = botVersion(tenantA, botId, "B");
        activate(botId, v1);
        // Without a split every session gets the active version.
        as(runtime(tenantA)).get("/v1/bots/" + botId + "/version-for-session/" + UUID.randomUUID()).then().statusCode(200)
                .body("version_id", equalTo(v1)).body("source", equalTo("active"));

        // Bad splits are 400 and write nothing.
        Map<String, Long> before = rowCounts(tenantA);
        putSplit(botId, v1, 70, v2, 20).statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("arms"));
        putSplit(botId, v1, 50, v1, 50).statusCode(400);
        putSplit(botId, v1, 50, UUID.randomUUID().toString(), 50).statusCode(400).body("errors[0].field", equalTo("arms[1].version_id"));
        as(admin(tenantA)).body(body("arms", List.of(body("version_id", v1, "percent", 100)))).put("/v1/bots/" + botId + "/traffic-split")
                .then().statusCode(400);
        putSplit(botId, v1, 150, v2, -50).statusCode(400);
        assertEquals(before, rowCounts(tenantA));
        as(viewer(tenantA)).get("/v1/bots/" + botId + "/traffic-split").then().statusCode(404);

        putSplit(botId, v1, 70, v2, 30).statusCode(200).body("arms[0].version", equalTo(1)).body("arms[1].percent", equalTo(30));
        as(admin(tenantB)).body(body("arms", List.of(body("version_id", v1, "percent", 50), body("version_id", v2, "percent", 50))))
                .put("/v1/bots/" + botId + "/traffic-split").then().statusCode(404);
        as(viewer(tenantA)).get("/v1/bots/" + botId + "/traffic-split").then().statusCode(200).body("arms[0].percent", equalTo(70));

        // The service's own hash over 10,000 random session ids: within 5 points of 70/30.
        UUID bot = UUID.fromString(botId);
        int toA = 0;
        for (int i = 0; i < 10_000; i++) {
            if (BotService.bucket(bot, UUID.randomUUID().toString()) < 70) {
                toA++;
            }
        }
        assertTrue(Math.abs(toA / 100.0 - 70) <= 5, "share of A: " + toA / 100.0 + " %");
        // Over HTTP, a sample: the share is within 5 points too, and every session gets the same version on every call.
        Map<String, String> seen = new HashMap<>();
        int httpA = 0;
        int n = 400;
        String token = runtime(tenantA);
        for (int i = 0; i < n; i++) {
            String session = UUID.randomUUID().toString();
            String version = as(token).get("/v1/bots/" + botId + "/version-for-session/" + session).then().statusCode(200)
                    .body("source", equalTo("split")).extract().path("version_id");
            seen.put(session, version);
            if (version.equals(v1)) {
                httpA++;
            }
        }
        assertTrue(Math.abs(httpA * 100.0 / n - 70) <= 8, "share of A over HTTP: " + httpA * 100.0 / n + " %");
        seen.entrySet().stream().limit(50).forEach(e -> as(token).get("/v1/bots/" + botId + "/version-for-session/" + e.getKey())
                .then().statusCode(200).body("version_id", equalTo(e.getValue())));
        // Activating another version does not move split sessions.
        activate(botId, v2);
        seen.entrySet().stream().limit(20).forEach(e -> as(token).get("/v1/bots/" + botId + "/version-for-session/" + e.getKey())
                .then().statusCode(200).body("version_id", equalTo(e.getValue())));
        // A version in the split cannot be deleted; ending the split serves the active version again.
        String v3 = botVersion(tenantA, botId, "C");
        putSplit(botId, v2, 50, v3, 50).statusCode(200);
        as(admin(tenantA)).delete("/v1/bots/" + botId + "/versions/" + v3).then().statusCode(409);
        as(admin(tenantA)).delete("/v1/bots/" + botId + "/traffic-split").then().statusCode(204);
        as(admin(tenantA)).delete("/v1/bots/" + botId + "/traffic-split").then().statusCode(404);
        as(token).get("/v1/bots/" + botId + "/version-for-session/any").then().statusCode(200).body("version_id", equalTo(v2))
                .body("source", equalTo("active"));
        as(viewer(tenantA)).get("/v1/bots/" + botId + "/history").then()
                .body("items.kind", contains("split_cleared", "split_set", "activate", "split_set", "activate"));
    }

    @Test
    void theBucketIsStableAndSpread() {
        UUID bot = UUID.fromString("0190c6a4-0000-7000-8000-000000000001");
        assertEquals(BotService.bucket(bot, "session-42"), BotService.bucket(bot, "session-42"));
        int[] counts = new int[BotService.BUCKETS];
        for (int i = 0; i < 10_000; i++) {
            counts[BotService.bucket(bot, UUID.randomUUID().toString())]++;
        }
        int toA = 0;
        for (int b = 0; b < 50; b++) {
            toA += counts[b];
        }
        assertTrue(Math.abs(toA / 100.0 - 50) <= 5, "50/50 split gave " + toA / 100.0 + " %");
    }

    private io.restassured.response.ValidatableResponse putSplit(String botId, String a, int pa, String b, int pb) {
        return as(admin(tenantA)).body(body("arms", List.of(body("version_id", a, "percent", pa), body("version_id", b, "percent", pb))))
                .put("/v1/bots/" + botId + "/traffic-split").then();
    }
}
