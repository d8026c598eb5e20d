package dev.agentry.memory.knowledge.ragquery;

import static dev.agentry.memory.MemoryTestSupport.PROBLEM;
import static dev.agentry.memory.MemoryTestSupport.admin;
import static dev.agentry.memory.MemoryTestSupport.as;
import static dev.agentry.memory.MemoryTestSupport.runtime;
import static dev.agentry.memory.MemoryTestSupport.viewer;
import static dev.agentry.memory.knowledge.KnowledgeTestSupport.GUIDE;
import static dev.agentry.memory.knowledge.KnowledgeTestSupport.collection;
import static dev.agentry.memory.knowledge.KnowledgeTestSupport.uploadMarkdown;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The knowledge search log: listed per collection, feedback attached; another tenant neither sees nor annotates it. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RagQueryResourceTest extends TwoTenantTest {

    @Override
    protected String schema() {
        return "memory";
    }

    static String search(UUID tenant, String collection, String query) {
        return as(runtime(tenant)).body(Map.of("query", query)).post("/v1/collections/" + collection + "/search").then()
                .statusCode(200).extract().path("query_id");
    }

    @Test
    void theLogIsListedPerCollectionNewestFirst() {
        UUID tenant = UUID.randomUUID();
        String help = collection(tenant, "help");
        String other = collection(tenant, "other");
        uploadMarkdown(tenant, help, GUIDE).statusCode(201);
        String first = search(tenant, help, "returns");
        String second = search(tenant, help, "shipping");
        String elsewhere = search(tenant, other, "shipping");
        as(admin(tenant)).queryParam("collection_id", help).get("/v1/rag-queries").then().statusCode(200)
                .body("items.id", equalTo(List.of(second, first)));
        as(admin(tenant)).queryParam("limit", 1).get("/v1/rag-queries").then().statusCode(200)
                .body("items.id", equalTo(List.of(elsewhere))).body("next_cursor", org.hamcrest.Matchers.notNullValue());
        as(admin(tenant)).get("/v1/rag-queries/" + elsewhere).then().statusCode(200).body("result_chunk_ids", hasSize(0))
                .body("top_score", nullValue());
        // A viewer may attach feedback but not read the log.
        as(viewer(tenant)).get("/v1/rag-queries").then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void anotherTenantNeitherSeesNorAnnotatesTheLog() {
        String collection = collection(tenantA, "private-log");
        uploadMarkdown(tenantA, collection, GUIDE).statusCode(201);
        String query = search(tenantA, collection, "warranty");
        as(admin(tenantB)).get("/v1/rag-queries/" + query).then().statusCode(404).contentType(PROBLEM);
        as(admin(tenantB)).get("/v1/rag-queries").then().statusCode(200).body("items", hasSize(0));
        as(admin(tenantB)).queryParam("collection_id", collection).get("/v1/rag-queries").then().statusCode(200)
                .body("items", hasSize(0));
        as(viewer(tenantB)).body(Map.of("score", -1)).post("/v1/rag-queries/" + query + "/feedback").then().statusCode(404);
        as(admin(tenantA)).get("/v1/rag-queries/" + query).then().statusCode(200).body("feedback_score", nullValue());
    }
}
