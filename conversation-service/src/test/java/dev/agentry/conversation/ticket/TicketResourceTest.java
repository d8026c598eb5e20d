package dev.agentry.conversation.ticket;

import static dev.agentry.conversation.ConversationTestSupport.as;
import static dev.agentry.conversation.ConversationTestSupport.body;
import static dev.agentry.conversation.ConversationTestSupport.rowCounts;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import dev.agentry.conversation.StandInServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The support desk through HTTP on the real PostgreSQL, with memory-service's knowledge search and
 * config-service's users stood in (StandInServices): the status machine and its history, answers
 * from the knowledge base with their citations, each escalation trigger, assignees checked, and
 * another tenant seeing none of it.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = StandInServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TicketResourceTest extends TwoTenantTest {

    @Override
    protected String schema() {
        return "conversation";
    }

    @BeforeEach
    void standInsUp() {
        StandInServices.reset();
        // Every test starts from the defaults: no knowledge base, the seed's keywords.
        as(tokenA(Roles.TENANT_ADMIN)).body(Map.of()).put("/v1/support/settings").then().statusCode(200);
    }

    private static String runtime() {
        return tokenA(Roles.AGENT_RUNTIME);
    }

    private static String create(String token, Map<String, Object> ticket) {
        return as(token).body(ticket).post("/v1/tickets").then().statusCode(201).extract().path("ticket.id");
    }

    private static void move(String id, String to) {
        as(runtime()).body(body("to", to, "reason", "to " + to)).post("/v1/tickets/" + id + "/transitions").then()
                .statusCode(200).body("status", equalTo(to));
    }

    private static void useKnowledgeBase(Object... more) {
        Map<String, Object> settings = new java.util.HashMap<>(body(more));
        settings.put("kb_collection_id", StandInServices.KB_COLLECTION_ID.toString());
        as(tokenA(Roles.TENANT_ADMIN)).body(settings).put("/v1/support/settings").then().statusCode(200)
                .body("kb_collection_id", equalTo(StandInServices.KB_COLLECTION_ID.toString()));
    }

    @Test
    void aTicketIsCreatedReadListedAndItsCreationIsInTheHistory() {
        var created = as(runtime()).body(body("title", "  Printer on fire ", "description", "It smokes.", "priority", "high",
                "source", "email", "metadata", Map.of("order", "4471"))).post("/v1/tickets").then().statusCode(201)
                .header("Location", containsString("/v1/tickets/"))
                .body("ticket.title", equalTo("Printer on fire")).body("ticket.status", equalTo("open"))
                .body("ticket.priority", equalTo("high")).body("ticket.source", equalTo("email"))
                .body("ticket.metadata.order", equalTo("4471")).body("ticket.escalation", nullValue())
                .body("answer", nullValue()).body("escalation", empty()).body("degraded", empty()).extract();
        String id = created.path("ticket.id");

        as(tokenA(Roles.VIEWER)).get("/v1/tickets/" + id).then().statusCode(200).body("description", equalTo("It smokes."))
                .body("created_by", nullValue()).body("message_count", equalTo(0));
        as(tokenA(Roles.VIEWER)).queryParam("status", "open").queryParam("priority", "high").get("/v1/tickets").then()
                .statusCode(200).body("items.id", hasItem(id));
        as(tokenA(Roles.VIEWER)).queryParam("status", "closed").get("/v1/tickets").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        as(tokenA(Roles.VIEWER)).get("/v1/tickets/" + id + "/history").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].from_status", nullValue()).body("items[0].to_status", equalTo("open"))
                .body("items[0].trigger", equalTo("created"));

        as(runtime()).body(body("priority", "low", "title", "Printer smokes")).patch("/v1/tickets/" + id).then().statusCode(200)
                .body("priority", equalTo("low")).body("title", equalTo("Printer smokes")).body("description", equalTo("It smokes."));
        // Viewers and auditors read, never write.
        as(tokenA(Roles.VIEWER)).body(body("priority", "urgent")).patch("/v1/tickets/" + id).then().statusCode(403);
        as(tokenA(Roles.AUDITOR)).body(body("title", "x")).post("/v1/tickets").then().statusCode(403);
    }

    @Test
    void listsPageNewestChangeFirst() {
        String runtime = runtime();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(runtime, body("title", "paged " + i, "priority", "low")));
        }
        var first = as(runtime).queryParam("priority", "low").queryParam("limit", 2).get("/v1/tickets").then().statusCode(200)
                .body("items", hasSize(2)).body("next_cursor", notNullValue()).extract();
        assertEquals(ids.get(4), first.path("items[0].id"));
        String cursor = first.path("next_cursor");
        var second = as(runtime).queryParam("priority", "low").queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/v1/tickets").then().statusCode(200).body("items", hasSize(2)).extract();
        assertEquals(List.of(ids.get(2), ids.get(1)), second.path("items.id"));
    }

    @Test
    void everyAllowedMoveOfTheSeedsDiagramAndARefusedOne() {
        // open → in_progress → pending_customer → resolved → closed
        String a = create(runtime(), body("title", "the main road"));
        move(a, "in_progress");
        move(a, "pending_customer");
        move(a, "resolved");
        move(a, "closed");
        as(runtime()).body(body("to", "open")).post("/v1/tickets/" + a + "/transitions").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("closed is final"));
        as(tokenA(Roles.VIEWER)).get("/v1/tickets/" + a + "/history").then().statusCode(200).body("items", hasSize(5))
                .body("items.to_status", equalTo(List.of("open", "in_progress", "pending_customer", "resolved", "closed")))
                .body("items[4].reason", equalTo("to closed")).body("items[4].actor", notNullValue());

        // in_progress → escalated → reopened → closed; pending_customer → escalated; open → reopened; open → escalated
        String b = create(runtime(), body("title", "escalated from work"));
        move(b, "in_progress");
        move(b, "escalated");
        move(b, "reopened");
        move(b, "closed");
        String c = create(runtime(), body("title", "escalated while waiting"));
        move(c, "in_progress");
        move(c, "pending_customer");
        move(c, "escalated");
        move(create(runtime(), body("title", "reopened at once")), "reopened");
        move(create(runtime(), body("title", "escalated at once")), "escalated");
        // Added beside the seed: a resolved ticket the customer writes back on is reopened.
        String d = create(runtime(), body("title", "resolved too early"));
        move(d, "in_progress");
        move(d, "pending_customer");
        move(d, "resolved");
        move(d, "reopened");

        // Every other move is 409 naming the allowed ones, and changes nothing.
        String e = create(runtime(), body("title", "no shortcut"));
        as(runtime()).body(body("to", "resolved", "reason", "skip")).post("/v1/tickets/" + e + "/transitions").then()
                .statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("allowed: in_progress, escalated, reopened")).body("errors[0].field", equalTo("to"));
        as(runtime()).get("/v1/tickets/" + e).then().body("status", equalTo("open"));
        as(runtime()).get("/v1/tickets/" + e + "/history").then().body("items", hasSize(1));
        as(runtime()).body(body("to", "flying")).post("/v1/tickets/" + e + "/transitions").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aTicketTheKnowledgeBaseCanAnswerIsAnsweredWithItsSources() {
        useKnowledgeBase();
        var created = as(runtime()).body(body("title", "Forgot my password", "description", "How do I reset the password?"))
                .post("/v1/tickets").then().statusCode(201)
                .body("answer.role", equalTo("assistant")).body("answer.sequence_number", equalTo(1))
                .body("answer.content", containsString(StandInServices.PASSWORD_ANSWER))
                .body("answer.content", containsString("(source: Account help, page 2, Security > Passwords)"))
                .body("answer.metadata.kb_chunks[0].chunk_id", equalTo(StandInServices.PASSWORD_CHUNK.toString()))
                .body("answer.metadata.kb_chunks[0].similarity", equalTo(0.81f))
                .body("answer.metadata.kb_chunks", hasSize(2)).body("answer.metadata.model", nullValue())
                .body("escalation", empty()).body("ticket.status", equalTo("open")).body("ticket.message_count", equalTo(1))
                .extract();
        String id = created.path("ticket.id");
        as(tokenA(Roles.VIEWER)).get("/v1/tickets/" + id + "/messages").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].author", equalTo("agentry:support-desk"));
        // memory-service was asked with the title and description, in vector mode, with the caller's token.
        JsonObject search = StandInServices.CALLS.stream().filter(c -> String.valueOf(c.get("path")).endsWith("/search"))
                .map(c -> (JsonObject) c.get("body")).findFirst().orElseThrow();
        assertEquals("Forgot my password\n\nHow do I reset the password?", search.getString("query"));
        assertEquals("vector", search.getString("mode"));
    }

    @Test
    void theTenantsLlmWritesTheAnswerFromTheChunksAndTheQuoteStandsWhenItIsDown() {
        useKnowledgeBase();
        StandInServices.LLM_CONFIGURED.set(true);
        String runtime = runtime();
        as(runtime).body(body("title", "Password help", "description", "How do I reset my password?")).post("/v1/tickets").then()
                .statusCode(201).body("answer.content", equalTo(StandInServices.LLM_ANSWER))
                .body("answer.metadata.answer_mode", equalTo("llm")).body("answer.metadata.model", equalTo("stand-in-model"))
                .body("answer.metadata.input_tokens", equalTo(120))
                .body("answer.metadata.kb_chunks[0].chunk_id", equalTo(StandInServices.PASSWORD_CHUNK.toString()))
                .body("degraded", empty());
        // The LLM was given the chunks, numbered with their sources, and the question, with the caller's token.
        var call = StandInServices.CALLS.stream().filter(c -> "/v1/llm/chat-completions".equals(c.get("path"))).findFirst().orElseThrow();
        JsonObject sent = (JsonObject) call.get("body");
        String system = sent.getJsonArray("messages").getJsonObject(0).getString("content");
        assertTrue(system.contains("[1] Account help, page 2, Security > Passwords: " + StandInServices.PASSWORD_ANSWER), system);
        assertEquals("Password help\n\nHow do I reset my password?", sent.getJsonArray("messages").getJsonObject(1).getString("content"));
        assertEquals("Bearer " + runtime, call.get("authorization"));

        // Down: the quoted answer is stored and the LLM named degraded.
        StandInServices.MODES.put("llm", StandInServices.Mode.DOWN);
        as(runtime()).body(body("title", "Password again")).post("/v1/tickets").then().statusCode(201)
                .body("answer.content", containsString(StandInServices.PASSWORD_ANSWER))
                .body("answer.metadata.answer_mode", equalTo("extractive")).body("degraded", equalTo(List.of("llm")));
        // A tenant that answers without its LLM: the quote, and no call.
        StandInServices.MODES.clear();
        useKnowledgeBase("answer_with_llm", false);
        int calls = (int) StandInServices.CALLS.stream().filter(c -> "/v1/llm/chat-completions".equals(c.get("path"))).count();
        as(runtime()).body(body("title", "Password third")).post("/v1/tickets").then().statusCode(201)
                .body("answer.metadata.answer_mode", equalTo("extractive")).body("degraded", empty());
        assertEquals(calls, StandInServices.CALLS.stream().filter(c -> "/v1/llm/chat-completions".equals(c.get("path"))).count());
    }

    @Test
    void escalationKeywordsInAnyLanguageIgnoringCaseAndAccents() {
        var english = as(runtime()).body(body("title", "I want a REFUND now")).post("/v1/tickets").then().statusCode(201)
                .body("ticket.status", equalTo("escalated")).body("escalation[0].trigger", equalTo("keyword"))
                .body("escalation[0].detail", containsString("refund"))
                .body("ticket.escalation.reasons[0].trigger", equalTo("keyword")).extract();
        as(runtime()).get("/v1/tickets/" + english.path("ticket.id") + "/history").then()
                .body("items[1].trigger", equalTo("escalation")).body("items[1].actor", equalTo("agentry:support-desk"))
                .body("items[1].reason", containsString("keyword"));
        as(runtime()).body(body("title", "Проблема с заказом", "description", "Мне нужен возврат денег")).post("/v1/tickets")
                .then().statusCode(201).body("ticket.status", equalTo("escalated"));
        // возврат* takes the inflected form; "refunded" is another word than "refund".
        as(runtime()).body(body("title", "Прошу возврата")).post("/v1/tickets").then().statusCode(201)
                .body("ticket.status", equalTo("escalated"));
        as(runtime()).body(body("title", "I was refunded already, thanks")).post("/v1/tickets").then().statusCode(201)
                .body("ticket.status", equalTo("open")).body("escalation", empty());

        // A tenant's own keywords replace the defaults, accents and case aside.
        as(tokenA(Roles.TENANT_ADMIN)).body(body("escalation_keywords", List.of("hoàn tiền"))).put("/v1/support/settings")
                .then().statusCode(200);
        as(runtime()).body(body("title", "Xin HOAN TIEN giup toi")).post("/v1/tickets").then().statusCode(201)
                .body("ticket.status", equalTo("escalated"));
        as(runtime()).body(body("title", "refund")).post("/v1/tickets").then().statusCode(201).body("ticket.status", equalTo("open"));
    }

    @Test
    void aLowKnowledgeScoreAnUrgentTicketOrAskingForAPersonEscalatesAndTheWebhookHearsOfIt() {
        useKnowledgeBase("escalation_webhook_url", StandInServices.BASE.get() + "/hooks/escalation");
        var low = as(runtime()).body(body("title", "Where is your office?")).post("/v1/tickets").then().statusCode(201)
                .body("ticket.status", equalTo("escalated")).body("escalation[0].trigger", equalTo("low_kb_score"))
                .body("escalation[0].detail", containsString("0.310 is under the threshold 0.65"))
                .body("answer.content", containsString("a member of our support team"))
                .body("answer.metadata.best_similarity", equalTo(0.31f)).extract();
        String lowId = low.path("ticket.id");
        as(runtime()).body(body("title", "How do I reset my password", "priority", "urgent")).post("/v1/tickets").then()
                .statusCode(201).body("ticket.status", equalTo("escalated")).body("escalation.trigger", equalTo(List.of("urgent_priority")));
        as(runtime()).body(body("title", "Password reset", "description", "Please let me talk to a person.")).post("/v1/tickets")
                .then().statusCode(201).body("ticket.status", equalTo("escalated"))
                .body("escalation.trigger", equalTo(List.of("human_requested")));

        // The webhook carries no Agentry token and names the ticket and why.
        JsonObject event = awaitCall("/hooks/escalation", lowId);
        assertEquals("ticket.escalated", event.getString("event"));
        assertEquals("low_kb_score", event.getJsonArray("reasons").getJsonObject(0).getString("trigger"));
        assertTrue(StandInServices.CALLS.stream().filter(c -> "/hooks/escalation".equals(c.get("path")))
                .allMatch(c -> "null".equals(c.get("authorization"))));
        awaitCount("/hooks/escalation", 3);
    }

    @Test
    void aCustomerMessageIsAnsweredAndCanEscalateAClosedTicketTakesNone() {
        useKnowledgeBase();
        String id = create(runtime(), body("title", "Password question", "description", "password"));
        move(id, "in_progress");
        as(runtime()).body(body("role", "user", "content", "And the password rules?")).post("/v1/tickets/" + id + "/messages")
                .then().statusCode(201).body("message.sequence_number", equalTo(2)).body("message.role", equalTo("user"))
                .body("answer.sequence_number", equalTo(3)).body("answer.content", containsString("twelve characters"))
                .body("ticket.status", equalTo("in_progress"));
        // A support agent's reply is stored as it is, without an AI answer.
        as(runtime()).body(body("role", "assistant", "content", "Hello, I am Lan from support.")).post("/v1/tickets/" + id + "/messages")
                .then().statusCode(201).body("answer", nullValue()).body("message.sequence_number", equalTo(4));
        as(runtime()).body(body("role", "user", "content", "This is useless, my lawyer will file a lawsuit"))
                .post("/v1/tickets/" + id + "/messages").then().statusCode(201).body("ticket.status", equalTo("escalated"))
                .body("escalation.trigger", hasItem("keyword"));
        as(tokenA(Roles.VIEWER)).get("/v1/tickets/" + id + "/messages").then().statusCode(200)
                .body("items.sequence_number", equalTo(List.of(1, 2, 3, 4, 5, 6)));

        move(id, "reopened");
        move(id, "closed");
        as(runtime()).body(body("role", "user", "content", "hello?")).post("/v1/tickets/" + id + "/messages").then()
                .statusCode(409).contentType("application/problem+json");
    }

    @Test
    void withMemoryServiceDownTheTicketIsStoredUnansweredAndNotEscalatedForIt() {
        useKnowledgeBase();
        StandInServices.MODES.put("memory", StandInServices.Mode.DOWN);
        as(runtime()).body(body("title", "Password reset")).post("/v1/tickets").then().statusCode(201)
                .body("degraded", equalTo(List.of("memory"))).body("answer", nullValue())
                .body("ticket.status", equalTo("open")).body("escalation", empty());
        // A keyword still escalates: it needs no other service.
        as(runtime()).body(body("title", "refund")).post("/v1/tickets").then().statusCode(201)
                .body("degraded", equalTo(List.of("memory"))).body("ticket.status", equalTo("escalated"));
    }

    @Test
    void theAssigneeIsAUserOfTheTenant() {
        UUID user = UUID.randomUUID();
        StandInServices.USERS.add(user);
        String id = create(runtime(), body("title", "needs an owner", "assigned_to", user.toString()));
        as(runtime()).get("/v1/tickets/" + id).then().body("assigned_to", equalTo(user.toString()));
        as(runtime()).queryParam("assigned_to", user.toString()).get("/v1/tickets").then().body("items.id", hasItem(id));
        as(runtime()).delete("/v1/tickets/" + id + "/assignee").then().statusCode(200).body("assigned_to", nullValue());

        UUID stranger = UUID.randomUUID();
        as(runtime()).body(body("user_id", stranger.toString())).put("/v1/tickets/" + id + "/assignee").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("user_id"));
        as(runtime()).body(body("title", "x", "assigned_to", stranger.toString())).post("/v1/tickets").then().statusCode(400)
                .body("errors[0].field", equalTo("assigned_to"));
        // config-service unreachable: 503, nothing changed.
        StandInServices.MODES.put("config", StandInServices.Mode.DOWN);
        as(runtime()).body(body("user_id", user.toString())).put("/v1/tickets/" + id + "/assignee").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", notNullValue());
        StandInServices.MODES.clear();
        as(runtime()).get("/v1/tickets/" + id).then().body("assigned_to", nullValue());
        as(runtime()).body(body("user_id", user.toString())).put("/v1/tickets/" + id + "/assignee").then().statusCode(200)
                .body("assigned_to", equalTo(user.toString()));
    }

    @Test
    void anotherTenantSeesAndChangesNothing() {
        String id = create(runtime(), body("title", "tenant A's ticket"));
        Map<String, Long> before = rowCounts(tenantA);
        String b = tokenB(Roles.TENANT_ADMIN);
        as(b).get("/v1/tickets/" + id).then().statusCode(404).contentType("application/problem+json");
        as(b).get("/v1/tickets").then().statusCode(200).body("items.id", not(hasItem(id)));
        as(b).get("/v1/tickets/" + id + "/history").then().statusCode(404);
        as(b).get("/v1/tickets/" + id + "/messages").then().statusCode(404);
        as(b).body(body("title", "mine now")).patch("/v1/tickets/" + id).then().statusCode(404);
        // The same 404 whatever the body: valid, of the wrong type, or not JSON at all.
        as(b).body(body("to", "in_progress")).post("/v1/tickets/" + id + "/transitions").then().statusCode(404);
        as(b).body(body("to", 42)).post("/v1/tickets/" + id + "/transitions").then().statusCode(404);
        as(b).contentType("application/json").body("{not json").post("/v1/tickets/" + id + "/messages").then().statusCode(404);
        as(b).body(body("role", "user", "content", "hi")).post("/v1/tickets/" + id + "/messages").then().statusCode(404);
        as(b).body(body("user_id", UUID.randomUUID().toString())).put("/v1/tickets/" + id + "/assignee").then().statusCode(404);
        as(b).delete("/v1/tickets/" + id + "/assignee").then().statusCode(404);
        assertEquals(before, rowCounts(tenantA));
        as(runtime()).get("/v1/tickets/" + id).then().statusCode(200).body("title", equalTo("tenant A's ticket"))
                .body("status", equalTo("open"));
        // Settings are each tenant's own.
        useKnowledgeBase();
        as(tokenB(Roles.VIEWER)).get("/v1/support/settings").then().statusCode(200).body("kb_collection_id", nullValue());
    }

    @Test
    void badInputIsA400AndChangesNothing() {
        String id = create(runtime(), body("title", "stays as it is"));
        Map<String, Long> before = rowCounts(tenantA);
        String r = runtime();
        as(r).body(body("description", "no title")).post("/v1/tickets").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("title"));
        as(r).body(body("title", "x".repeat(256))).post("/v1/tickets").then().statusCode(400);
        as(r).body(body("title", "t", "priority", "whenever")).post("/v1/tickets").then().statusCode(400);
        as(r).body(body("title", "t", "session_id", "not-a-uuid")).post("/v1/tickets").then().statusCode(400);
        as(r).body(body("title", "t", "source", "chat", "session_id", UUID.randomUUID().toString())).post("/v1/tickets").then()
                .statusCode(400).body("errors[0].field", equalTo("session_id"));
        as(r).body(body("title", "t", "source", "email", "session_id", UUID.randomUUID().toString())).post("/v1/tickets").then()
                .statusCode(400).body("errors[0].field", equalTo("session_id"));
        as(r).contentType("application/json").body("{\"title\": ").post("/v1/tickets").then().statusCode(400)
                .contentType("application/problem+json");
        as(r).body(body("title", "   ")).patch("/v1/tickets/" + id).then().statusCode(400);
        as(r).body(body("role", "robot", "content", "x")).post("/v1/tickets/" + id + "/messages").then().statusCode(400);
        as(r).body(body("role", "user", "content", "")).post("/v1/tickets/" + id + "/messages").then().statusCode(400);
        as(r).body(body("user_id", "nobody")).put("/v1/tickets/" + id + "/assignee").then().statusCode(400);
        as(r).queryParam("status", "lost").get("/v1/tickets").then().statusCode(400);
        as(r).queryParam("cursor", "garbage!").get("/v1/tickets").then().statusCode(400);
        as(r).queryParam("updated_after", "2026-12-02T00:00:00Z").queryParam("updated_before", "2026-12-01T00:00:00Z")
                .get("/v1/tickets").then().statusCode(400).body("errors[0].field", equalTo("updated_after"));
        as(r).get("/v1/tickets/" + UUID.randomUUID()).then().statusCode(404);
        as(r).body(body("to", "in_progress")).post("/v1/tickets/" + UUID.randomUUID() + "/transitions").then().statusCode(404);
        assertEquals(before, rowCounts(tenantA));
    }

    @Test
    void settingsAreCheckedAndOnlyATenantAdminChangesThem() {
        as(tokenA(Roles.VIEWER)).get("/v1/support/settings").then().statusCode(200).body("kb_min_similarity", equalTo(0.65f))
                .body("escalation_keywords", hasItem("refund")).body("auto_answer", equalTo(true));
        as(runtime()).body(Map.of()).put("/v1/support/settings").then().statusCode(403);
        String admin = tokenA(Roles.TENANT_ADMIN);
        as(admin).body(body("kb_collection_id", UUID.randomUUID().toString())).put("/v1/support/settings").then().statusCode(400)
                .body("errors[0].field", equalTo("kb_collection_id"));
        as(admin).body(body("kb_min_similarity", 1.5)).put("/v1/support/settings").then().statusCode(400);
        as(admin).body(body("escalation_webhook_url", "ftp://example.com/x")).put("/v1/support/settings").then().statusCode(400)
                .body("errors[0].field", equalTo("escalation_webhook_url"));
        as(admin).body(body("escalation_keywords", List.of(""))).put("/v1/support/settings").then().statusCode(400);
        as(admin).body(body("kb_min_similarity", 0.7, "answer_chunks", 2)).put("/v1/support/settings").then().statusCode(200)
                .body("kb_min_similarity", equalTo(0.7f)).body("answer_chunks", equalTo(2)).body("updated_at", notNullValue());
    }

    /** The body of the first call to {@code path} that names {@code ticketId}, waiting up to 5 s for it. */
    private static JsonObject awaitCall(String path, String ticketId) {
        long deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline) {
            var found = StandInServices.CALLS.stream().filter(c -> path.equals(c.get("path")))
                    .map(c -> (JsonObject) c.get("body")).filter(b -> ticketId.equals(b.getString("ticket_id"))).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            sleep();
        }
        throw new AssertionError("no call to " + path + " for ticket " + ticketId);
    }

    private static void awaitCount(String path, int count) {
        long deadline = System.currentTimeMillis() + 5_000;
        while (StandInServices.CALLS.stream().filter(c -> path.equals(c.get("path"))).count() < count) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("fewer than " + count + " calls to " + path);
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
