package dev.agentry.memory.knowledge.search;

import static dev.agentry.memory.MemoryTestSupport.PROBLEM;
import static dev.agentry.memory.MemoryTestSupport.admin;
import static dev.agentry.memory.MemoryTestSupport.as;
import static dev.agentry.memory.MemoryTestSupport.rowCounts;
import static dev.agentry.memory.MemoryTestSupport.runtime;
import static dev.agentry.memory.knowledge.KnowledgeTestSupport.GUIDE;
import static dev.agentry.memory.knowledge.KnowledgeTestSupport.collection;
import static dev.agentry.memory.knowledge.KnowledgeTestSupport.uploadMarkdown;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Knowledge search: the suite's strategy words, logged as run; another tenant cannot search a collection. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class KnowledgeSearchResourceTest extends TwoTenantTest {

    @Override
    protected String schema() {
        return "memory";
    }

    @Test
    void theStrategyIsAskedAndAnsweredInTheSuitesWords() {
        UUID tenant = UUID.randomUUID();
        String collection = collection(tenant, "strategies");
        uploadMarkdown(tenant, collection, GUIDE).statusCode(201);
        String search = "/v1/collections/" + collection + "/search";
        // auto (the default): a small collection is searched exactly.
        as(runtime(tenant)).body(Map.of("query", "kettle warranty")).post(search).then().statusCode(200)
                .body("strategy", equalTo("exact"));
        // index forced; the log says what ran.
        String queryId = as(runtime(tenant)).body(Map.of("query", "kettle warranty", "strategy", "index")).post(search).then()
                .statusCode(200).body("strategy", equalTo("index")).extract().path("query_id");
        as(admin(tenant)).get("/v1/rag-queries/" + queryId).then().statusCode(200).body("strategy", equalTo("index"));
        // The deprecated word of the previous release is read as index, never written.
        as(runtime(tenant)).body(Map.of("query", "kettle warranty", "strategy", "hnsw")).post(search).then().statusCode(200)
                .body("strategy", equalTo("index"));
        as(runtime(tenant)).body(Map.of("query", "kettle warranty", "strategy", "EXACT")).post(search).then().statusCode(200)
                .body("strategy", equalTo("exact"));
        // Text mode runs no vector ranking: no strategy.
        as(runtime(tenant)).body(Map.of("query", "ZX-4471-QB", "mode", "text", "strategy", "index")).post(search).then()
                .statusCode(200).body("strategy", nullValue()).body("embedding_model", nullValue());
        as(runtime(tenant)).body(Map.of("query", "kettle", "strategy", "fuzzy")).post(search).then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("strategy"));
    }

    @Test
    void anotherTenantCannotSearchACollection() {
        String collection = collection(tenantA, "private-search");
        uploadMarkdown(tenantA, collection, GUIDE).statusCode(201);
        Map<String, Long> before = rowCounts(tenantA);
        for (String mode : new String[] { "hybrid", "vector", "text" }) {
            as(runtime(tenantB)).body(Map.of("query", "kettle warranty", "mode", mode))
                    .post("/v1/collections/" + collection + "/search").then().statusCode(404).contentType(PROBLEM);
        }
        assertEquals(before, rowCounts(tenantA));
        assertEquals(0L, rowCounts(tenantB).get("rag_queries"));
    }
}
