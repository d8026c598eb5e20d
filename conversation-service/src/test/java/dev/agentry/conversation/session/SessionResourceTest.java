package dev.agentry.conversation.session;

import static dev.agentry.conversation.ConversationTestSupport.as;
import static dev.agentry.conversation.ConversationTestSupport.create;
import static dev.agentry.conversation.ConversationTestSupport.newSession;
import static dev.agentry.conversation.ConversationTestSupport.rowCounts;
import static dev.agentry.conversation.ConversationTestSupport.scalar;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import dev.agentry.conversation.ConversationTestSupport;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session API over the real Redis (both tiers, indexes) and PostgreSQL. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SessionResourceTest extends TwoTenantTest {

    private static final long HOT_TTL = 30 * 60;
    private static final long PERSIST_TTL = 7 * 24 * 3600;

    @Inject
    @RedisClientName("persist")
    RedisDataSource redis;

    @Inject
    ObjectMapper json;

    @Override
    protected String schema() {
        return "conversation";
    }

    @AfterEach
    void cleanRedis() {
        ConversationTestSupport.cleanRedis(redis, tenantA);
        ConversationTestSupport.cleanRedis(redis, tenantB);
    }

    private String runtime() {
        return tokenA(Roles.AGENT_RUNTIME);
    }

    private long ttl(String key) {
        return redis.execute("TTL", key).toLong();
    }

    private String get(String key) {
        var r = redis.execute("GET", key);
        return r == null ? null : r.toString();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> document(String key) throws Exception {
        return json.readValue(get(key), Map.class);
    }

    @Test
    void createWritesTheSeedKeysByteForByteWithTheirTtls() throws Exception {
        UUID agent = UUID.randomUUID();
        UUID profile = UUID.randomUUID();
        Map<String, Object> body = newSession(agent, "WEB", "  visitor-1 ");
        body.put("customer_profile_id", profile.toString());
        body.put("variables", Map.of("lang", "vi"));
        Response created = as(runtime()).body(body).post("/v1/sessions");
        created.then().statusCode(201).header("ETag", "\"1\"").header("Location", notNullValue())
                .body("channel", equalTo("web")).body("user_channel_id", equalTo("visitor-1")).body("status", equalTo("active"))
                .body("version", equalTo(1)).body("variables.lang", equalTo("vi"));
        String id = created.path("session_id");

        String hot = "session:hot:" + id;
        String persist = "session:persist:" + id;
        String agentIndex = "session:index:agent:" + tenantA + ":" + agent;
        String customerIndex = "session:index:customer:" + tenantA + ":" + profile;
        String channelIndex = "session:index:channel:" + tenantA + ":web:visitor-1";
        assertEquals("string", redis.execute("TYPE", hot).toString());
        assertEquals("string", redis.execute("TYPE", persist).toString());
        assertEquals("set", redis.execute("TYPE", agentIndex).toString());
        assertEquals("set", redis.execute("TYPE", customerIndex).toString());
        assertEquals("string", redis.execute("TYPE", channelIndex).toString());
        assertEquals(id, get(channelIndex));
        assertTrue(redis.execute("SISMEMBER", agentIndex, id).toBoolean());
        assertTrue(redis.execute("SISMEMBER", customerIndex, id).toBoolean());

        long hotTtl = ttl(hot);
        assertTrue(hotTtl > HOT_TTL - 60 && hotTtl <= HOT_TTL, "hot TTL " + hotTtl);
        for (String key : List.of(persist, agentIndex, customerIndex, channelIndex)) {
            long t = ttl(key);
            assertTrue(t > PERSIST_TTL - 60 && t <= PERSIST_TTL, key + " TTL " + t);
        }

        // Every field of the seed's Session JSON Structure, plus version.
        Map<String, Object> doc = document(persist);
        for (String field : List.of("session_id", "tenant_id", "agent_id", "customer_profile_id", "channel", "user_channel_id",
                "status", "variables", "active_scenario_id", "active_scenario_version", "current_step_id", "step_history",
                "pending_migration", "created_at", "last_activity_at", "version")) {
            assertTrue(doc.containsKey(field), "missing " + field + " in " + doc);
        }
        assertEquals(tenantA.toString(), doc.get("tenant_id"));
        assertEquals(List.of(), doc.get("step_history"));
        assertEquals(document(hot), doc);
        assertEquals(1L, scalar(tenantA, "SELECT count(*) FROM conversation.sessions WHERE id = '" + id + "' AND version = 1 "
                + "AND channel = 'web' AND thread_id = 'tenant_" + tenantA + "__user_visitor-1__session_" + id + "'"));
    }

    @Test
    void aSecondCreateForTheSameChannelUserReturnsTheLiveSession() {
        UUID agent = UUID.randomUUID();
        UUID first = create(runtime(), newSession(agent, "email", "Ann@Example.COM"));
        as(runtime()).body(newSession(agent, "Email", " ann@example.com")).post("/v1/sessions").then().statusCode(200)
                .body("session_id", equalTo(first.toString())).body("user_channel_id", equalTo("ann@example.com"));
        assertEquals(first.toString(), get("session:index:channel:" + tenantA + ":email:ann@example.com"));
        // Another tenant's identical channel user is another session.
        UUID other = create(tokenB(Roles.AGENT_RUNTIME), newSession(agent, "email", "ann@example.com"));
        assertNotEquals(first, other);
    }

    @Test
    void concurrentCreatesForOneChannelUserMakeOneSession() throws Exception {
        UUID agent = UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> ids = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            ids.add(pool.submit(() -> as(runtime()).body(newSession(agent, "zalo", "racer")).post("/v1/sessions").then()
                    .statusCode(org.hamcrest.Matchers.oneOf(200, 201)).extract().<String> path("session_id")));
        }
        Set<String> distinct = new HashSet<>();
        for (Future<String> f : ids) {
            distinct.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(1, distinct.size(), distinct.toString());
        assertEquals(1L, scalar(tenantA, "SELECT count(*) FROM conversation.sessions WHERE user_channel_id = 'racer'"));
    }

    @Test
    void hotExpiryFallsBackToPersistAndBothToPostgres() throws Exception {
        UUID id = create(runtime(), newSession(UUID.randomUUID(), "web", "expiry"));
        String hot = "session:hot:" + id;
        String persist = "session:persist:" + id;

        redis.execute("PEXPIRE", hot, "1");
        Thread.sleep(20);
        assertNull(get(hot));
        as(runtime()).get("/v1/sessions/" + id).then().statusCode(200).body("session_id", equalTo(id.toString()));
        assertNotNull(get(hot), "the read warmed hot again");
        assertTrue(ttl(hot) > HOT_TTL - 60);

        redis.execute("PEXPIRE", hot, "1");
        redis.execute("PEXPIRE", persist, "1");
        Thread.sleep(20);
        assertNull(get(hot));
        assertNull(get(persist));
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + id).then().statusCode(200).body("session_id", equalTo(id.toString()))
                .body("version", equalTo(1)).body("channel", equalTo("web"));
        assertNotNull(get(persist), "the read from PostgreSQL put the session back into Redis");
        assertNotNull(get(hot));
        assertTrue(ttl(persist) > PERSIST_TTL - 60);

        // A write after both expired works too (persist is written back first).
        redis.execute("DEL", hot);
        redis.execute("DEL", persist);
        as(runtime()).header("If-Match", "\"1\"").body(Map.of("variables", Map.of("k", 1))).patch("/v1/sessions/" + id)
                .then().statusCode(200).body("version", equalTo(2)).body("variables.k", equalTo(1));
        assertEquals(2, document(persist).get("version"));
        assertEquals(2L, scalar(tenantA, "SELECT version FROM conversation.sessions WHERE id = '" + id + "'"));
    }

    @Test
    void patchNeedsTheCurrentVersionAndAStaleOneChangesNothing() throws Exception {
        UUID id = create(runtime(), newSession(UUID.randomUUID(), "web", "patcher"));
        as(runtime()).header("If-Match", "\"1\"").body(Map.of("variables", Map.of("a", 1, "b", "x"), "status", "idle"))
                .patch("/v1/sessions/" + id).then().statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2))
                .body("status", equalTo("idle")).body("variables.a", equalTo(1));
        // A key set to null is removed.
        Map<String, Object> vars = new java.util.HashMap<>();
        vars.put("a", null);
        as(runtime()).header("If-Match", "2").body(Map.of("variables", vars)).patch("/v1/sessions/" + id).then()
                .statusCode(200).body("variables.a", nullValue()).body("variables.b", equalTo("x"));
        String before = get("session:persist:" + id);

        as(runtime()).header("If-Match", "\"1\"").body(Map.of("variables", Map.of("c", 1))).patch("/v1/sessions/" + id)
                .then().statusCode(409).contentType("application/problem+json").body("current_version", equalTo(3))
                .header("ETag", "\"3\"");
        as(runtime()).body(Map.of("variables", Map.of("c", 1))).patch("/v1/sessions/" + id).then().statusCode(428)
                .contentType("application/problem+json");
        as(runtime()).header("If-Match", "abc").body(Map.of("variables", Map.of("c", 1))).patch("/v1/sessions/" + id)
                .then().statusCode(400).contentType("application/problem+json");
        as(runtime()).header("If-Match", "\"3\"").body(Map.of("status", "ended")).patch("/v1/sessions/" + id).then()
                .statusCode(400).contentType("application/problem+json");
        as(runtime()).header("If-Match", "\"3\"").body(Map.of("variables", Map.of("big", "x".repeat(70_000))))
                .patch("/v1/sessions/" + id).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("variables"));
        as(tokenA(Roles.VIEWER)).header("If-Match", "\"3\"").body(Map.of("variables", Map.of("c", 1)))
                .patch("/v1/sessions/" + id).then().statusCode(403);
        assertEquals(before, get("session:persist:" + id), "nothing changed");
        assertEquals(3L, scalar(tenantA, "SELECT version FROM conversation.sessions WHERE id = '" + id + "'"));
    }

    @Test
    void fiftyConcurrentVariableUpdatesWithRetriesLoseNone() throws Exception {
        UUID id = create(runtime(), newSession(UUID.randomUUID(), "web", "busy"));
        int writers = 50;
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<Integer>> conflicts = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String name = "v" + i;
            int value = i;
            conflicts.add(pool.submit(() -> {
                int lost = 0;
                String etag = as(runtime()).get("/v1/sessions/" + id).then().statusCode(200).extract().header("ETag");
                while (true) {
                    Response r = as(runtime()).header("If-Match", etag).body(Map.of("variables", Map.of(name, value)))
                            .patch("/v1/sessions/" + id);
                    if (r.statusCode() == 200) {
                        return lost;
                    }
                    // The loser's 409 carries the current version: retry with it (after a short jitter).
                    assertEquals(409, r.statusCode());
                    assertEquals("\"" + r.path("current_version") + "\"", r.header("ETag"));
                    etag = r.header("ETag");
                    lost++;
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(5 + Math.min(lost, 10) * 3));
                }
            }));
        }
        int totalConflicts = 0;
        for (Future<Integer> f : conflicts) {
            totalConflicts += f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        Response after = as(runtime()).get("/v1/sessions/" + id);
        after.then().statusCode(200).body("version", equalTo(writers + 1));
        Map<String, Object> variables = after.path("variables");
        assertEquals(writers, variables.size(), "every writer's variable is there");
        for (int i = 0; i < writers; i++) {
            assertEquals(i, variables.get("v" + i));
        }
        assertEquals((long) writers + 1, scalar(tenantA, "SELECT version FROM conversation.sessions WHERE id = '" + id + "'"));
        assertEquals((long) writers, scalar(tenantA, "SELECT count(*) FROM conversation.sessions, jsonb_object_keys(variables) "
                + "WHERE id = '" + id + "'"));
        System.out.println("50 concurrent writers: " + totalConflicts + " conflicts retried");
    }

    @Test
    void listsByAgentCustomerAndChannelUserArePagedAndPruned() {
        UUID agent = UUID.randomUUID();
        UUID profile = UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> b = newSession(agent, "web", "lister-" + i);
            b.put("customer_profile_id", profile.toString());
            ids.add(create(runtime(), b).toString());
        }
        Response first = as(tokenA(Roles.AUDITOR)).queryParam("agent_id", agent.toString()).queryParam("limit", 2).get("/v1/sessions");
        first.then().statusCode(200).body("items", hasSize(2)).body("items[0].session_id", equalTo(ids.get(4)))
                .body("items[1].session_id", equalTo(ids.get(3))).body("next_cursor", notNullValue());
        String cursor = first.path("next_cursor");
        as(tokenA(Roles.VIEWER)).queryParam("agent_id", agent.toString()).queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/v1/sessions").then().statusCode(200).body("items.session_id", equalTo(List.of(ids.get(2), ids.get(1))));
        as(tokenA(Roles.VIEWER)).queryParam("customer_profile_id", profile.toString()).get("/v1/sessions").then()
                .statusCode(200).body("items", hasSize(5)).body("next_cursor", nullValue());
        as(tokenA(Roles.VIEWER)).queryParam("channel", "WEB").queryParam("user_channel_id", "lister-3").get("/v1/sessions")
                .then().statusCode(200).body("items.session_id", equalTo(List.of(ids.get(3))));

        // A session whose keys both expired is pruned from the index when the index is read.
        redis.execute("DEL", "session:hot:" + ids.get(0));
        redis.execute("DEL", "session:persist:" + ids.get(0));
        as(tokenA(Roles.VIEWER)).queryParam("agent_id", agent.toString()).get("/v1/sessions").then().statusCode(200)
                .body("items", hasSize(4));
        assertFalse(redis.execute("SISMEMBER", "session:index:agent:" + tenantA + ":" + agent, ids.get(0)).toBoolean());

        // The other tenant sees none of it.
        as(tokenB(Roles.VIEWER)).queryParam("agent_id", agent.toString()).get("/v1/sessions").then().statusCode(200)
                .body("items", hasSize(0));
        as(tokenB(Roles.VIEWER)).queryParam("customer_profile_id", profile.toString()).get("/v1/sessions").then()
                .statusCode(200).body("items", hasSize(0));
        as(tokenB(Roles.VIEWER)).queryParam("channel", "web").queryParam("user_channel_id", "lister-3").get("/v1/sessions")
                .then().statusCode(200).body("items", hasSize(0));
        // Exactly one selector.
        as(tokenA(Roles.VIEWER)).get("/v1/sessions").then().statusCode(400).contentType("application/problem+json");
        as(tokenA(Roles.VIEWER)).queryParam("agent_id", "not-a-uuid").get("/v1/sessions").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void anotherTenantGets404AndChangesNothing() {
        UUID id = create(runtime(), newSession(UUID.randomUUID(), "web", "private"));
        String before = get("session:persist:" + id);
        as(tokenB(Roles.VIEWER)).get("/v1/sessions/" + id).then().statusCode(404).contentType("application/problem+json");
        as(tokenB(Roles.AGENT_RUNTIME)).header("If-Match", "\"1\"").body(Map.of("variables", Map.of("x", 1)))
                .patch("/v1/sessions/" + id).then().statusCode(404);
        as(tokenB(Roles.AGENT_RUNTIME)).post("/v1/sessions/" + id + "/end").then().statusCode(404);
        // Even with hot and persist gone (the PostgreSQL fallback is tenant-bound too).
        redis.execute("DEL", "session:hot:" + id);
        redis.execute("DEL", "session:persist:" + id);
        as(tokenB(Roles.VIEWER)).get("/v1/sessions/" + id).then().statusCode(404);
        assertNull(get("session:persist:" + id));
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + id).then().statusCode(200);
        assertEquals(before, get("session:persist:" + id));
    }

    @Test
    void badInputIsProblemJsonAndWritesNothing() {
        Map<String, Long> rowsBefore = rowCounts(tenantA);
        UUID agent = UUID.randomUUID();
        Map<String, Object> malformedAgent = newSession(agent, "web", "bad");
        malformedAgent.put("agent_id", "agent-7");
        Map<String, Object> badChannel = newSession(agent, "we b", "bad");
        Map<String, Object> noUser = newSession(agent, "web", " ");
        Map<String, Object> oversized = newSession(agent, "web", "bad");
        oversized.put("variables", Map.of("blob", "y".repeat(70_000)));
        Map<String, Object> unknownField = newSession(agent, "web", "bad");
        unknownField.put("colour", "red");
        Map<String, Object> badProfile = newSession(agent, "web", "bad");
        badProfile.put("customer_profile_id", "42");
        for (Map<String, Object> body : List.of(malformedAgent, badChannel, noUser, oversized, unknownField, badProfile)) {
            as(runtime()).body(body).post("/v1/sessions").then().statusCode(400).contentType("application/problem+json");
        }
        as(tokenA(Roles.VIEWER)).body(newSession(agent, "web", "bad")).post("/v1/sessions").then().statusCode(403);
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        assertEquals(rowsBefore, rowCounts(tenantA));
        assertEquals(0L, redis.execute("EXISTS", "session:index:agent:" + tenantA + ":" + agent).toLong());
        assertEquals(0L, redis.execute("EXISTS", "session:index:channel:" + tenantA + ":web:bad").toLong());
    }

    @Test
    void endingDropsHotKeepsPersistAndPostgresAndFreesTheChannelUser() throws Exception {
        UUID agent = UUID.randomUUID();
        UUID id = create(runtime(), newSession(agent, "web", "leaver"));
        as(runtime()).body(Map.of("status", "cancelled")).post("/v1/sessions/" + id + "/end").then().statusCode(200)
                .body("status", equalTo("cancelled")).body("ended_at", notNullValue()).body("version", equalTo(2));
        assertNull(get("session:hot:" + id));
        assertEquals("cancelled", document("session:persist:" + id).get("status"));
        assertNull(get("session:index:channel:" + tenantA + ":web:leaver"));
        assertEquals(1L, scalar(tenantA, "SELECT count(*) FROM conversation.sessions WHERE id = '" + id
                + "' AND status = 'cancelled' AND ended_at IS NOT NULL"));
        // Ending again answers it unchanged; a change of an ended session is a 409.
        as(runtime()).post("/v1/sessions/" + id + "/end").then().statusCode(200).body("version", equalTo(2));
        as(runtime()).header("If-Match", "\"2\"").body(Map.of("variables", Map.of("x", 1))).patch("/v1/sessions/" + id)
                .then().statusCode(409);
        as(runtime()).body(Map.of("status", "active")).post("/v1/sessions/" + id + "/end").then().statusCode(400);
        // Reading the ended session does not warm hot again.
        as(runtime()).get("/v1/sessions/" + id).then().statusCode(200).body("status", equalTo("cancelled"));
        assertNull(get("session:hot:" + id));
        // The channel user's next create is a new session.
        UUID next = create(runtime(), newSession(agent, "web", "leaver"));
        assertNotEquals(id, next);
    }

    @Test
    void erasureRemovesACustomersSessionsFromRedisAndPostgres() {
        UUID agent = UUID.randomUUID();
        UUID profile = UUID.randomUUID();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> b = newSession(agent, "web", "erased-" + i);
            b.put("customer_profile_id", profile.toString());
            ids.add(create(runtime(), b));
        }
        UUID keep = create(runtime(), newSession(agent, "web", "kept"));
        as(runtime()).body(Map.of("role", "user", "content", "hello")).post("/v1/sessions/" + ids.get(0) + "/messages")
                .then().statusCode(201);
        // A ticket from one of the customer's chats, with the customer's words and an agent's note,
        // and a ticket from the kept session.
        String erasedTicket = ticketFrom(ids.get(0), "Refund for Jane Roe, card 4111", "I am Jane Roe at 1 Main St");
        as(tokenA(Roles.TENANT_ADMIN)).body(Map.of("role", "system", "content", "escalated to billing"))
                .post("/v1/tickets/" + erasedTicket + "/messages").then().statusCode(201);
        String keptTicket = ticketFrom(keep, "Kept question", "kept words");
        // Another tenant's erasure of the same profile id touches nothing of A.
        as(tokenB(Roles.TENANT_ADMIN)).body(Map.of("customer_profile_id", profile.toString())).post("/v1/sessions/erasure")
                .then().statusCode(200).body("sessions_erased", equalTo(0)).body("tickets_redacted", equalTo(0));
        as(tokenA(Roles.VIEWER)).get("/v1/tickets/" + erasedTicket).then().body("title", equalTo("Refund for Jane Roe, card 4111"));
        as(runtime()).body(Map.of("customer_profile_id", profile.toString())).post("/v1/sessions/erasure").then()
                .statusCode(403);
        as(tokenA(Roles.TENANT_ADMIN)).body(Map.of("customer_profile_id", profile.toString())).post("/v1/sessions/erasure")
                .then().statusCode(200).body("sessions_erased", equalTo(3)).body("messages_erased", equalTo(1))
                .body("tickets_redacted", equalTo(1));
        // The ticket stays (the desk's counts and history add up) without the customer's text; the
        // staff note stays; the kept session's ticket is untouched.
        as(tokenA(Roles.VIEWER)).get("/v1/tickets/" + erasedTicket).then().statusCode(200).body("title", equalTo("[erased]"))
                .body("description", nullValue()).body("session_id", nullValue());
        List<Map<String, Object>> messages = as(tokenA(Roles.VIEWER)).get("/v1/tickets/" + erasedTicket + "/messages").then()
                .statusCode(200).extract().path("items");
        assertFalse(messages.isEmpty());
        for (Map<String, Object> m : messages) {
            assertEquals("system".equals(m.get("role")) ? "escalated to billing" : "[erased]", m.get("content"), m.toString());
        }
        as(tokenA(Roles.VIEWER)).get("/v1/tickets/" + keptTicket).then().body("title", equalTo("Kept question"))
                .body("description", equalTo("kept words"));
        for (UUID id : ids) {
            assertNull(get("session:hot:" + id));
            assertNull(get("session:persist:" + id));
            assertFalse(redis.execute("SISMEMBER", "session:index:agent:" + tenantA + ":" + agent, id.toString()).toBoolean());
            as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + id).then().statusCode(404);
        }
        assertEquals(0L, redis.execute("EXISTS", "session:index:customer:" + tenantA + ":" + profile).toLong());
        assertNull(get("session:index:channel:" + tenantA + ":web:erased-0"));
        assertEquals(0L, scalar(tenantA, "SELECT count(*) FROM conversation.messages"));
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + keep).then().statusCode(200);
    }

    /** A chat ticket from {@code session}, its description written by the customer. */
    private String ticketFrom(UUID session, String title, String description) {
        return as(runtime()).body(Map.of("title", title, "description", description, "source", "chat", "session_id",
                session.toString())).post("/v1/tickets").then().statusCode(201).extract().path("ticket.id");
    }

    @Inject
    dev.agentry.common.events.DomainEventPublisher events;

    @jakarta.inject.Inject
    dev.agentry.common.testing.ErasureStream erasures;

    /** profile-service's erasure event reaches the sessions: gone from Redis and PostgreSQL, a receipt with the counts. */
    @Test
    void anErasureEventErasesTheCustomersSessionsAndAnswersWithAReceipt() {
        UUID agent = UUID.randomUUID();
        UUID survivor = UUID.randomUUID();
        UUID merged = UUID.randomUUID();
        List<UUID> ids = new ArrayList<>();
        for (UUID profile : List.of(survivor, merged)) {
            Map<String, Object> b = newSession(agent, "web", "event-erased-" + profile);
            b.put("customer_profile_id", profile.toString());
            ids.add(create(runtime(), b));
        }
        as(runtime()).body(Map.of("role", "user", "content", "my address is 1 Main St")).post("/v1/sessions/" + ids.get(1) + "/messages")
                .then().statusCode(201);
        UUID keep = create(runtime(), newSession(agent, "web", "event-kept"));

        var touched = erasures.erase(tenantA,
                List.of(survivor, merged));
        assertEquals("conversation", touched.getString("store"));
        assertEquals(2, touched.getInteger("sessions"));
        assertEquals(1, touched.getInteger("messages"));
        for (UUID id : ids) {
            assertNull(get("session:hot:" + id));
            assertNull(get("session:persist:" + id));
            as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + id).then().statusCode(404);
        }
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + keep).then().statusCode(200);
        // The same ids in tenant B name nobody there: nothing of A's is touched by B's erasure.
        assertEquals(0, erasures.erase(tenantB,
                List.of(keep)).getInteger("sessions"));
    }

    /** profile-service announces a merge on the event stream; this service follows it without being called. */
    @Test
    void aMergeAnnouncedOnTheEventStreamIsFollowed() throws Exception {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID merged = UUID.randomUUID();
        UUID survivor = UUID.randomUUID();
        Map<String, Object> body = newSession(UUID.randomUUID(), "web", "followed-merge");
        body.put("customer_profile_id", merged.toString());
        UUID session = create(runtime, body);
        events.publish(dev.agentry.common.events.DomainEvent.of(dev.agentry.common.events.DomainEvent.PROFILE_MERGED, tenantA,
                Map.of("from_profile_id", merged.toString(), "to_profile_id", survivor.toString()))).await().indefinitely();
        long deadline = System.currentTimeMillis() + 15_000;
        while (!survivor.toString().equals(as(runtime).get("/v1/sessions/" + session).then().extract().path("customer_profile_id"))) {
            assertTrue(System.currentTimeMillis() < deadline, "the session did not follow the merge");
            Thread.sleep(100);
        }
        as(runtime).queryParam("customer_profile_id", survivor.toString()).get("/v1/sessions").then().statusCode(200)
                .body("items.session_id", hasItem(session.toString()));
        // Another tenant's event names only its own sessions: tenant A's session stays where it is.
        events.publish(dev.agentry.common.events.DomainEvent.of(dev.agentry.common.events.DomainEvent.PROFILE_MERGED, tenantB,
                Map.of("from_profile_id", survivor.toString(), "to_profile_id", UUID.randomUUID().toString()))).await().indefinitely();
        Thread.sleep(2_500);
        as(runtime).get("/v1/sessions/" + session).then().body("customer_profile_id", equalTo(survivor.toString()));
    }

    @Test
    void aProfileMergeMovesTheSessionsAndTheCustomerIndex() {
        UUID agent = UUID.randomUUID();
        UUID merged = UUID.randomUUID();
        UUID survivor = UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Map<String, Object> b = newSession(agent, "web", "merged-" + i);
            b.put("customer_profile_id", merged.toString());
            ids.add(create(runtime(), b).toString());
        }
        Map<String, Object> kept = newSession(agent, "web", "survivor");
        kept.put("customer_profile_id", survivor.toString());
        ids.add(create(runtime(), kept).toString());
        // One of the merged profile's sessions has no Redis keys any more: PostgreSQL is moved too.
        redis.execute("DEL", "session:hot:" + ids.get(0));
        redis.execute("DEL", "session:persist:" + ids.get(0));

        as(tokenB(Roles.AGENT_RUNTIME)).body(Map.of("from_profile_id", merged.toString(), "to_profile_id", survivor.toString()))
                .post("/v1/sessions/customer-merges").then().statusCode(200).body("sessions_moved", equalTo(0));
        as(runtime()).body(Map.of("from_profile_id", merged.toString(), "to_profile_id", merged.toString()))
                .post("/v1/sessions/customer-merges").then().statusCode(400).contentType("application/problem+json");
        as(runtime()).body(Map.of("from_profile_id", merged.toString(), "to_profile_id", survivor.toString()))
                .post("/v1/sessions/customer-merges").then().statusCode(200).body("sessions_moved", equalTo(2));

        as(tokenA(Roles.VIEWER)).queryParam("customer_profile_id", survivor.toString()).get("/v1/sessions").then()
                .statusCode(200).body("items.session_id", equalTo(List.of(ids.get(2), ids.get(1), ids.get(0))));
        assertEquals(0L, redis.execute("EXISTS", "session:index:customer:" + tenantA + ":" + merged).toLong());
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + ids.get(1)).then().statusCode(200)
                .body("customer_profile_id", equalTo(survivor.toString())).body("version", equalTo(2));
        assertEquals(0L, scalar(tenantA, "SELECT count(*) FROM conversation.sessions WHERE customer_profile_id = '" + merged + "'"));
        // Repeating it moves nothing more.
        as(runtime()).body(Map.of("from_profile_id", merged.toString(), "to_profile_id", survivor.toString()))
                .post("/v1/sessions/customer-merges").then().statusCode(200).body("sessions_moved", equalTo(0));
    }
}
