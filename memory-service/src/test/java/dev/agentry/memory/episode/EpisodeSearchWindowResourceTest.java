package dev.agentry.memory.episode;

import static dev.agentry.memory.MemoryTestSupport.as;
import static dev.agentry.memory.MemoryTestSupport.runtime;
import static dev.agentry.memory.MemoryTestSupport.unitVector;
import static dev.agentry.memory.MemoryTestSupport.viewer;
import static org.hamcrest.Matchers.equalTo;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import dev.agentry.memory.MemoryTestProfiles;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The full-text candidates: a row holding every word of the query is found over all history; a row
 * holding only some is found among the most recent rows (the window, two rows here).
 */
@QuarkusTest
@TestProfile(MemoryTestProfiles.SmallTextWindow.class)
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class EpisodeSearchWindowResourceTest extends TwoTenantTest {

    @Override
    protected String schema() {
        return "memory";
    }


    @Test
    void everyWordOverAllHistorySomeWordsInTheWindow() {
        UUID tenant = tenantA;
        UUID agent = UUID.randomUUID();
        String[] texts = { "Kettle warranty claim filed.", "Kettle descaling tips.", "Blender returned.", "Toaster ordered." };
        String[] ids = new String[texts.length];
        for (int i = 0; i < texts.length; i++) {
            // Caller vectors: the test is about full text only.
            ids[i] = as(runtime(tenant)).body(Map.of("agent_id", agent, "episode_type", "event", "content", texts[i],
                    "embedding", unitVector(i), "embedding_model", "test-model")).post("/v1/episodes").then().statusCode(201)
                    .extract().path("id");
        }
        // Both words are in the oldest episode: found although it is outside the two-row window.
        search(tenant, "kettle warranty").body("items.episode.id", equalTo(List.of(ids[0])));
        // One word matches the two oldest, outside the window: nothing.
        search(tenant, "kettle price").body("items.episode.id", equalTo(List.of()));
        // One word matches a row inside the window: found.
        search(tenant, "toaster price").body("items.episode.id", equalTo(List.of(ids[3])));
        // The other tenant's window holds none of them.
        search(tenantB, "kettle warranty").body("items", org.hamcrest.Matchers.hasSize(0));
        search(tenantB, "toaster price").body("items", org.hamcrest.Matchers.hasSize(0));
    }

    private static io.restassured.response.ValidatableResponse search(UUID tenant, String query) {
        return as(viewer(tenant)).body(Map.of("query", query, "mode", "text")).post("/v1/episodes/search").then().statusCode(200);
    }
}
