package dev.agentry.conversation.message;

import static dev.agentry.conversation.ConversationTestSupport.as;
import static dev.agentry.conversation.ConversationTestSupport.create;
import static dev.agentry.conversation.ConversationTestSupport.newSession;
import static dev.agentry.conversation.ConversationTestSupport.rowCounts;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Messages of a session: appended in order, read in order, page by page. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MessageResourceTest extends TwoTenantTest {

    @Inject
    @RedisClientName("persist")
    RedisDataSource redis;

    @Override
    protected String schema() {
        return "conversation";
    }

    @AfterEach
    void cleanRedis() {
        ConversationTestSupport.cleanRedis(redis, tenantA);
    }

    @Test
    void messagesComeBackInOrderPageByPage() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "talker"));
        as(runtime).body(Map.of("role", "user", "content", "Giá căn hộ 2 phòng?", "metadata",
                Map.of("intent", "price_query", "extracted_entities", Map.of("bedrooms", 2)))).post("/v1/sessions/" + session + "/messages")
                .then().statusCode(201).body("sequence_number", equalTo(1)).body("role", equalTo("user"))
                .body("metadata.intent", equalTo("price_query"));
        as(runtime).body(Map.of("role", "assistant", "content", "3 tỷ", "model", "gpt-4o-mini", "input_tokens", 120,
                "output_tokens", 80, "tool_calls", List.of(Map.of("name", "search")), "latency_ms", 1234,
                "ui_metadata", Map.of("grid", true))).post("/v1/sessions/" + session + "/messages").then().statusCode(201)
                .body("sequence_number", equalTo(2)).body("input_tokens", equalTo(120)).body("tool_calls[0].name", equalTo("search"));
        for (int i = 3; i <= 5; i++) {
            as(runtime).body(Map.of("role", "tool", "content", "r" + i)).post("/v1/sessions/" + session + "/messages").then()
                    .statusCode(201).body("sequence_number", equalTo(i));
        }
        Response first = as(tokenA(Roles.VIEWER)).queryParam("limit", 2).get("/v1/sessions/" + session + "/messages");
        first.then().statusCode(200).body("items.sequence_number", equalTo(List.of(1, 2))).body("next_cursor", notNullValue());
        Response second = as(tokenA(Roles.AUDITOR)).queryParam("limit", 2).queryParam("cursor", first.<String> path("next_cursor"))
                .get("/v1/sessions/" + session + "/messages");
        second.then().statusCode(200).body("items.sequence_number", equalTo(List.of(3, 4)));
        as(tokenA(Roles.VIEWER)).queryParam("limit", 2).queryParam("cursor", second.<String> path("next_cursor"))
                .get("/v1/sessions/" + session + "/messages").then().statusCode(200)
                .body("items.content", equalTo(List.of("r5"))).body("next_cursor", nullValue());

        // The other tenant: 404 on read and write, nothing written.
        as(tokenB(Roles.VIEWER)).get("/v1/sessions/" + session + "/messages").then().statusCode(404);
        as(tokenB(Roles.AGENT_RUNTIME)).body(Map.of("role", "user", "content", "x")).post("/v1/sessions/" + session + "/messages")
                .then().statusCode(404).contentType("application/problem+json");
        for (String body : new String[] { "{}", "{\"role\": ", "{\"role\": 3}" }) {
            as(tokenB(Roles.AGENT_RUNTIME)).body(body).post("/v1/sessions/" + session + "/messages").then().statusCode(404);
        }
        assertEquals(5L, rowCounts(tenantA).get("messages"));
        assertEquals(0L, rowCounts(tenantB).get("messages"));
    }

    @Test
    void badMessagesAreRefused() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "bad-talker"));
        Map<String, Long> before = rowCounts(tenantA);
        as(runtime).body(Map.of("role", "robot", "content", "x")).post("/v1/sessions/" + session + "/messages").then()
                .statusCode(400).contentType("application/problem+json");
        as(runtime).body(Map.of("role", "user")).post("/v1/sessions/" + session + "/messages").then().statusCode(400);
        as(runtime).body(Map.of("role", "user", "content", "x", "input_tokens", -1)).post("/v1/sessions/" + session + "/messages")
                .then().statusCode(400);
        as(runtime).body(Map.of("role", "user", "content", "x")).post("/v1/sessions/" + UUID.randomUUID() + "/messages").then()
                .statusCode(404);
        as(tokenA(Roles.VIEWER)).body(Map.of("role", "user", "content", "x")).post("/v1/sessions/" + session + "/messages")
                .then().statusCode(403);
        as(tokenA(Roles.VIEWER)).queryParam("cursor", "!!").get("/v1/sessions/" + session + "/messages").then().statusCode(400);
        assertEquals(before, rowCounts(tenantA));
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + session + "/messages").then().statusCode(200).body("items", hasSize(0));
    }
}
