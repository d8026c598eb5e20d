package dev.agentry.memory.episode;

import static dev.agentry.memory.MemoryTestSupport.as;
import static dev.agentry.memory.MemoryTestSupport.runtime;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TestDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class EpisodeSmokeTest {

    @BeforeAll
    static void clean() {
        TestDatabase.truncate("memory");
    }

    @Test
    void smoke() {
        UUID tenant = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        String id = as(runtime(tenant)).body(Map.of("agent_id", agent, "episode_type", "fact", "content", "The customer moved to Lyon in March."))
                .post("/v1/episodes").then().log().all().statusCode(201).extract().path("id");
        as(runtime(tenant)).get("/v1/episodes/" + id).then().log().all().statusCode(200);
        as(runtime(tenant)).body(Map.of("query", "which city did the shopper relocate to", "mode", "hybrid"))
                .post("/v1/episodes/search").then().log().all().statusCode(200);
        as(runtime(tenant)).body(Map.of("query", "Lyon", "mode", "text"))
                .post("/v1/episodes/search").then().log().all().statusCode(200);
    }
}
