package dev.agentry.conversation.slot;

import static dev.agentry.conversation.ConversationTestSupport.as;
import static dev.agentry.conversation.ConversationTestSupport.create;
import static dev.agentry.conversation.ConversationTestSupport.newSession;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import dev.agentry.conversation.ConversationTestSupport;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Context slots: set with a TTL, only live ones come back. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SlotResourceTest extends TwoTenantTest {

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
    void slotsExpireAndOnlyLiveOnesAreReturned() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "slotted"));
        String base = "/v1/sessions/" + session + "/slots/";
        as(runtime).body(Map.of("value", "red", "confidence", 0.9)).put(base + "color").then().statusCode(200)
                .body("slot_value", equalTo("red")).body("expires_at", nullValue());
        as(runtime).body(Map.of("value", "3 tỷ", "ttl_seconds", 3600)).put(base + "budget").then().statusCode(200)
                .body("expires_at", notNullValue());
        as(runtime).body(Map.of("value", "Hà Nội", "ttl_seconds", 3600)).put(base + "location").then().statusCode(200);
        // Replacing a slot keeps one row per key.
        as(runtime).body(Map.of("value", "blue")).put(base + "color").then().statusCode(200).body("slot_value", equalTo("blue"));
        // Time passes for "location": its expiry is moved into the past.
        ConversationTestSupport.execute(tenantA, "UPDATE conversation.context_slots SET expires_at = now() - interval '1 second' "
                + "WHERE slot_key = 'location'");
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + session + "/slots").then().statusCode(200)
                .body("items.slot_key", equalTo(List.of("budget", "color")));
        as(tokenA(Roles.VIEWER)).get(base + "location").then().statusCode(404).contentType("application/problem+json");
        as(tokenA(Roles.VIEWER)).get(base + "color").then().statusCode(200).body("slot_value", equalTo("blue"));

        as(tokenB(Roles.VIEWER)).get("/v1/sessions/" + session + "/slots").then().statusCode(404);
        as(tokenB(Roles.VIEWER)).get(base + "color").then().statusCode(404);
        as(tokenB(Roles.AGENT_RUNTIME)).body(Map.of("value", "x")).put(base + "color").then().statusCode(404);
        as(runtime).body(Map.of("value", "x", "ttl_seconds", 0)).put(base + "color").then().statusCode(400);
        as(runtime).body(Map.of("value", "x", "confidence", 2)).put(base + "color").then().statusCode(400);
        as(runtime).body(Map.of("value", "x")).put(base + "bad key!").then().statusCode(400);
        as(tokenA(Roles.VIEWER)).get(base + "color").then().statusCode(200).body("slot_value", equalTo("blue"));
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + session + "/slots").then().body("items", hasSize(2));
    }
}
