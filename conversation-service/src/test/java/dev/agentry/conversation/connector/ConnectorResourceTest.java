package dev.agentry.conversation.connector;

import static dev.agentry.conversation.ConversationTestSupport.as;
import static dev.agentry.conversation.ConversationTestSupport.body;
import static dev.agentry.conversation.ConversationTestSupport.rowCounts;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import dev.agentry.conversation.StandInServices;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Zendesk and Jira connectors against stand-ins that speak their REST shapes
 * (StandInTrackers): an escalation makes the external ticket once, even when the create is retried
 * or its answer lost; moves and messages follow it; the sync runs are logged on the audit stream;
 * changes come back by webhook (with the shared secret only) and by polling; another tenant sees
 * none of it.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = StandInServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = StandInTrackers.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ConnectorResourceTest extends TwoTenantTest {

    static final String WEBHOOK_SECRET = "a-long-shared-secret-0123456789";

    @Inject
    RedisDataSource redis;

    @Inject
    SyncWorker worker;

    @Override
    protected String schema() {
        return "conversation";
    }

    @BeforeEach
    void fresh() {
        StandInServices.reset();
        StandInTrackers.reset();
        String admin = tokenA(Roles.TENANT_ADMIN);
        as(admin).body(Map.of()).put("/v1/support/settings").then().statusCode(200);
        as(admin).delete("/v1/support/connectors/zendesk");
        as(admin).delete("/v1/support/connectors/jira");
    }

    private static void zendesk() {
        as(tokenA(Roles.TENANT_ADMIN)).body(body("base_url", StandInTrackers.BASE.get() + "/", "username", StandInTrackers.ZENDESK_USER,
                "credential", StandInTrackers.ZENDESK_TOKEN, "webhook_secret", WEBHOOK_SECRET))
                .put("/v1/support/connectors/zendesk").then().statusCode(200);
    }

    private static void jira() {
        as(tokenA(Roles.TENANT_ADMIN)).body(body("base_url", StandInTrackers.BASE.get(), "username", StandInTrackers.JIRA_USER,
                "credential", StandInTrackers.JIRA_TOKEN, "project_key", "SUP", "webhook_secret", WEBHOOK_SECRET))
                .put("/v1/support/connectors/jira").then().statusCode(200);
    }

    private static String escalatedTicket(String title) {
        return as(tokenA(Roles.AGENT_RUNTIME)).body(body("title", title, "description", "I want a refund"))
                .post("/v1/tickets").then().statusCode(201).body("ticket.status", equalTo("escalated")).extract().path("ticket.id");
    }

    private static List<Map<String, Object>> refs(String ticket) {
        return as(tokenA(Roles.VIEWER)).get("/v1/tickets/" + ticket + "/external-refs").then().statusCode(200).extract().path("items");
    }

    @Test
    void aConnectorIsSavedWithItsCredentialSealedAndNeverShown() {
        zendesk();
        as(tokenA(Roles.VIEWER)).get("/v1/support/connectors/zendesk").then().statusCode(200)
                .body("system", equalTo("zendesk")).body("base_url", equalTo(StandInTrackers.BASE.get()))
                .body("credential_last4", equalTo("1234")).body("webhook_secret_set", equalTo(true))
                .body("$", not(hasKey("credential"))).body("$", not(hasKey("webhook_secret")));
        // Sealed at rest: the token's bytes are not in the row.
        assertEquals(1, dev.agentry.conversation.ConversationTestSupport.scalar(tenantA,
                "SELECT count(*) FROM conversation.support_connectors WHERE system = 'zendesk' AND position(convert_to('"
                        + StandInTrackers.ZENDESK_TOKEN + "', 'UTF8') in credential_ciphertext) = 0"));
        // A change without a credential keeps the stored one.
        as(tokenA(Roles.TENANT_ADMIN)).body(body("base_url", StandInTrackers.BASE.get(), "username", StandInTrackers.ZENDESK_USER,
                "enabled", false)).put("/v1/support/connectors/zendesk").then().statusCode(200)
                .body("credential_last4", equalTo("1234")).body("enabled", equalTo(false));

        String admin = tokenA(Roles.TENANT_ADMIN);
        as(admin).body(body("base_url", StandInTrackers.BASE.get(), "username", "j@example.com")).put("/v1/support/connectors/jira")
                .then().statusCode(400).body("errors[0].field", equalTo("project_key"));
        as(admin).body(body("base_url", StandInTrackers.BASE.get(), "username", "j@example.com", "project_key", "SUP"))
                .put("/v1/support/connectors/jira").then().statusCode(400).body("errors[0].field", equalTo("credential"));
        as(admin).body(body("base_url", "ftp://x", "username", "u", "credential", "12345678")).put("/v1/support/connectors/zendesk")
                .then().statusCode(400).body("errors[0].field", equalTo("base_url"));
        as(admin).body(body("base_url", "https://x.example", "username", "u", "credential", "12345678"))
                .put("/v1/support/connectors/freshdesk").then().statusCode(404);
        as(tokenA(Roles.AGENT_RUNTIME)).body(body("base_url", "https://x.example", "username", "u", "credential", "12345678"))
                .put("/v1/support/connectors/zendesk").then().statusCode(403);
        as(tokenB(Roles.TENANT_ADMIN)).get("/v1/support/connectors/zendesk").then().statusCode(404);
        as(tokenB(Roles.TENANT_ADMIN)).get("/v1/support/connectors").then().statusCode(200).body("items", hasSize(0));
        as(tokenB(Roles.TENANT_ADMIN)).delete("/v1/support/connectors/zendesk").then().statusCode(404);
        as(admin).delete("/v1/support/connectors/zendesk").then().statusCode(204);
    }

    @Test
    void anEscalationMakesTheExternalTicketOnceThroughFailuresAndALostAnswer() {
        zendesk();
        jira();
        StandInTrackers.FAIL_CREATES.set(2);
        String ticket = escalatedTicket("Refund for order 4471");
        await(() -> refs(ticket).size() == 2, "both external tickets");
        assertEquals(1, StandInTrackers.ZENDESK.size(), "one Zendesk ticket whatever the retries");
        assertEquals(1, StandInTrackers.JIRA.size());
        JsonObject made = StandInTrackers.ZENDESK.values().iterator().next();
        assertEquals(ticket, made.getString("external_id"));
        assertEquals("Refund for order 4471", made.getString("subject"));
        Map<String, Object> zendeskRef = refs(ticket).stream().filter(r -> "zendesk".equals(r.get("system"))).findFirst().orElseThrow();
        assertEquals(Long.toString(made.getLong("id")), zendeskRef.get("external_id"));
        assertTrue(String.valueOf(zendeskRef.get("external_url")).endsWith("/agent/tickets/" + made.getLong("id")));
        JsonObject issue = StandInTrackers.JIRA.values().iterator().next();
        assertEquals("SUP", issue.getJsonObject("fields").getJsonObject("project").getString("key"));

        // The two failures and the success are sync runs on the audit stream.
        await(() -> syncLogs("zendesk").stream().filter(l -> "success".equals(l.getString("status"))).count() >= 1, "a success log");
        List<JsonObject> zendeskLogs = syncLogs("zendesk").stream().filter(l -> "outbound".equals(l.getString("direction"))).toList();
        assertTrue(zendeskLogs.stream().filter(l -> "failed".equals(l.getString("status"))).count() >= 2, zendeskLogs.toString());
        assertTrue(zendeskLogs.stream().filter(l -> "failed".equals(l.getString("status")))
                .allMatch(l -> l.getString("error_message").contains("503")));

        // The answer of a create is lost: the retry finds the ticket by our id instead of making another.
        StandInTrackers.LOSE_CREATE_ANSWERS.set(1);
        String second = escalatedTicket("Second refund");
        await(() -> refs(second).stream().anyMatch(r -> "zendesk".equals(r.get("system"))), "the second ticket's ref");
        assertEquals(2, StandInTrackers.ZENDESK.size());
    }

    @Test
    void movesAndMessagesFollowTheExternalTicket() {
        zendesk();
        jira();
        String ticket = escalatedTicket("Follow me");
        await(() -> refs(ticket).size() == 2, "both external tickets");
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        as(runtime).body(body("to", "reopened")).post("/v1/tickets/" + ticket + "/transitions").then().statusCode(200);
        as(runtime).body(body("role", "assistant", "content", "We are on it.")).post("/v1/tickets/" + ticket + "/messages")
                .then().statusCode(201);
        JsonObject zd = StandInTrackers.ZENDESK.values().iterator().next();
        JsonObject issue = StandInTrackers.JIRA.values().iterator().next();
        await(() -> zd.getJsonArray("comments").stream().anyMatch(c -> String.valueOf(c).contains("We are on it."))
                && issue.getJsonArray("comments").stream().anyMatch(c -> String.valueOf(c).contains("We are on it.")), "the comment");
        assertEquals("open", zd.getString("status"));
        assertEquals("To Do", issue.getJsonObject("fields").getJsonObject("status").getString("name"));
        as(runtime).body(body("to", "closed")).post("/v1/tickets/" + ticket + "/transitions").then().statusCode(200);
        await(() -> "closed".equals(zd.getString("status")) && "Done".equals(issue.getJsonObject("fields").getJsonObject("status")
                .getString("name")), "the close");
        // A ticket that never escalated has no external ticket and sends nothing.
        int writes = StandInTrackers.WRITES.size();
        String quiet = as(runtime).body(body("title", "just a question")).post("/v1/tickets").then().statusCode(201)
                .extract().path("ticket.id");
        as(runtime).body(body("to", "in_progress")).post("/v1/tickets/" + quiet + "/transitions").then().statusCode(200);
        pause(600);
        assertEquals(writes, StandInTrackers.WRITES.size());
        assertEquals(0, refs(quiet).size());
    }

    @Test
    void changesComeBackByWebhookWithTheSecretOnlyAndByPolling() {
        zendesk();
        String ticket = escalatedTicket("Comes back");
        await(() -> refs(ticket).size() == 1, "the Zendesk ticket");
        String external = String.valueOf(refs(ticket).get(0).get("external_id"));
        as(tokenA(Roles.AGENT_RUNTIME)).body(body("to", "reopened")).post("/v1/tickets/" + ticket + "/transitions").then().statusCode(200);
        await(() -> "open".equals(StandInTrackers.ZENDESK.get(external).getString("status")), "the reopen pushed");
        int writes = StandInTrackers.WRITES.size();
        Map<String, Long> before = rowCounts(tenantA);
        String url = "/v1/support/webhooks/zendesk/" + tenantA;
        JsonObject closed = new JsonObject().put("ticket", new JsonObject().put("id", external).put("status", "closed"))
                .put("comment", "Closed by Lan in Zendesk");

        // Wrong, missing, or another tenant's: 401, nothing changes.
        given().contentType("application/json").header(InboundWebhookResource.SECRET_HEADER, "wrong-secret-wrong-secret-00")
                .body(closed.encode()).post(url).then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/json").body(closed.encode()).post(url).then().statusCode(401);
        given().contentType("application/json").header(InboundWebhookResource.SECRET_HEADER, WEBHOOK_SECRET).body(closed.encode())
                .post("/v1/support/webhooks/zendesk/" + tenantB).then().statusCode(401);
        assertEquals(before, rowCounts(tenantA));

        given().contentType("application/json").header(InboundWebhookResource.SECRET_HEADER, WEBHOOK_SECRET).body("{\"nope\": 1}")
                .post(url).then().statusCode(400);
        given().contentType("application/json").header(InboundWebhookResource.SECRET_HEADER, WEBHOOK_SECRET).body(closed.encode())
                .post(url).then().statusCode(200).body("linked", equalTo(true)).body("applied", equalTo(true));
        as(tokenA(Roles.VIEWER)).get("/v1/tickets/" + ticket).then().body("status", equalTo("closed"));
        as(tokenA(Roles.VIEWER)).get("/v1/tickets/" + ticket + "/history").then()
                .body("items[-1].trigger", equalTo("sync")).body("items[-1].actor", equalTo("zendesk"));
        as(tokenA(Roles.VIEWER)).get("/v1/tickets/" + ticket + "/messages").then()
                .body("items[-1].role", equalTo("system")).body("items[-1].content", equalTo("Closed by Lan in Zendesk"));
        // Not echoed back to Zendesk.
        pause(600);
        assertEquals(writes, StandInTrackers.WRITES.size());

        // Polling: a ticket solved in Zendesk comes back as resolved.
        String polled = escalatedTicket("Polled");
        await(() -> refs(polled).size() == 1, "the polled ticket's Zendesk ticket");
        String polledExternal = String.valueOf(refs(polled).get(0).get("external_id"));
        as(tokenA(Roles.AGENT_RUNTIME)).body(body("to", "reopened")).post("/v1/tickets/" + polled + "/transitions").then().statusCode(200);
        worker.pollAll().await().indefinitely(); // the first pull only sets the cursor
        as(tokenA(Roles.VIEWER)).get("/v1/support/connectors/zendesk").then().body("poll_cursor", org.hamcrest.Matchers.notNullValue());
        pause(1100); // the export's clock has a one-second grain
        JsonObject zd = StandInTrackers.ZENDESK.get(polledExternal);
        zd.put("status", "closed").put("updated_at", System.currentTimeMillis() / 1000);
        assertTrue(worker.pollAll().await().indefinitely() >= 1);
        as(tokenA(Roles.VIEWER)).get("/v1/tickets/" + polled).then().body("status", equalTo("closed"));
        assertTrue(syncLogs("zendesk").stream().anyMatch(l -> "inbound".equals(l.getString("direction"))));
    }

    @Test
    void anotherTenantSeesNoneOfIt() {
        zendesk();
        String ticket = escalatedTicket("Private");
        await(() -> refs(ticket).size() == 1, "the Zendesk ticket");
        as(tokenB(Roles.VIEWER)).get("/v1/tickets/" + ticket + "/external-refs").then().statusCode(404);
        as(tokenB(Roles.VIEWER)).get("/v1/support/connectors").then().body("items", hasSize(0));
        assertTrue(syncLogsOf(tenantB.toString(), "zendesk").isEmpty());
    }

    private List<JsonObject> syncLogs(String system) {
        return syncLogsOf(tenantA.toString(), system);
    }

    /** The tenant's sync log records of {@code system} on this service's audit stream. */
    private List<JsonObject> syncLogsOf(String tenant, String system) {
        var entries = redis.stream(String.class).xrange("agentry-test:audit:conversation-service",
                io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"));
        return entries.stream().map(e -> e.payload())
                .filter(f -> "sync_log".equals(f.get("kind")) && tenant.equals(f.get("tenant_id")))
                .map(f -> new JsonObject(f.get("data")))
                .filter(d -> system.equals(d.getString("system")))
                .collect(Collectors.toList());
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            pause(100);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
