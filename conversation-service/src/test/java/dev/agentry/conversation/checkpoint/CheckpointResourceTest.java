package dev.agentry.conversation.checkpoint;

import static dev.agentry.conversation.ConversationTestSupport.as;
import static dev.agentry.conversation.ConversationTestSupport.create;
import static dev.agentry.conversation.ConversationTestSupport.newSession;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Checkpoints of a session's thread: put, latest, by id, the chain through parents. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CheckpointResourceTest extends TwoTenantTest {

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

    private static Map<String, Object> state(String text, String parent) {
        Map<String, Object> b = new HashMap<>();
        b.put("checkpoint", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        b.put("metadata", Map.of("step", text));
        if (parent != null) {
            b.put("parent_id", parent);
        }
        return b;
    }

    @Test
    void checkpointsChainThroughTheirParents() {
        String runtime = tokenA(Roles.AGENT_RUNTIME);
        UUID session = create(runtime, newSession(UUID.randomUUID(), "web", "graph"));
        String base = "/v1/sessions/" + session + "/checkpoints/";
        as(runtime).body(state("s1", null)).put(base + "c1").then().statusCode(201)
                .body("thread_id", startsWith("tenant_" + tenantA + "__user_graph__session_"));
        as(runtime).body(state("s2", "c1")).put(base + "c2").then().statusCode(201);
        as(runtime).body(state("s3", "c2")).put(base + "c3").then().statusCode(201).body("parent_id", equalTo("c2"));
        // Saving the same id again replaces it.
        as(runtime).body(state("s3b", "c2")).put(base + "c3").then().statusCode(200).body("metadata.step", equalTo("s3b"));

        as(tokenA(Roles.VIEWER)).get(base + "latest").then().statusCode(200).body("checkpoint_id", equalTo("c3"))
                .body("checkpoint", equalTo(Base64.getEncoder().encodeToString("s3b".getBytes(StandardCharsets.UTF_8))));
        as(tokenA(Roles.VIEWER)).get(base + "c1").then().statusCode(200).body("parent_id", equalTo(null));
        as(tokenA(Roles.AUDITOR)).get(base + "c3/chain").then().statusCode(200)
                .body("items.checkpoint_id", equalTo(List.of("c3", "c2", "c1")));

        as(runtime).body(state("x", "nope")).put(base + "c4").then().statusCode(400).contentType("application/problem+json");
        as(runtime).body(state("x", "c5")).put(base + "c5").then().statusCode(400);
        as(runtime).body(Map.of("parent_id", "c1")).put(base + "c6").then().statusCode(400);
        as(tokenA(Roles.VIEWER)).get(base + "c4").then().statusCode(404);
        as(tokenA(Roles.VIEWER)).get(base + "c4/chain").then().statusCode(404);

        as(tokenB(Roles.VIEWER)).get(base + "latest").then().statusCode(404);
        as(tokenB(Roles.VIEWER)).get(base + "c1").then().statusCode(404);
        as(tokenB(Roles.AGENT_RUNTIME)).body(state("evil", null)).put(base + "c9").then().statusCode(404);
        as(tokenA(Roles.VIEWER)).get(base + "c9").then().statusCode(404);
    }

    @Test
    void aSessionWithoutCheckpointsHasNoLatest() {
        UUID session = create(tokenA(Roles.AGENT_RUNTIME), newSession(UUID.randomUUID(), "web", "fresh"));
        as(tokenA(Roles.VIEWER)).get("/v1/sessions/" + session + "/checkpoints/latest").then().statusCode(404);
    }
}
