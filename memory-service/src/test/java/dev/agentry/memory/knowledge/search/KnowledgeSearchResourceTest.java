package dev.agentry.memory.knowledge.search;

import static dev.agentry.memory.MemoryTestSupport.PROBLEM;
import static dev.agentry.memory.MemoryTestSupport.admin;
import static dev.agentry.memory.MemoryTestSupport.as;
import static dev.agentry.memory.MemoryTestSupport.rowCounts;
import static dev.agentry.memory.MemoryTestSupport.runtime;
import static dev.agentry.memory.knowledge.KnowledgeTestSupport.GUIDE;
import static dev.agentry.memory.knowledge.KnowledgeTestSupport.collection;
import static dev.agentry.memory.knowledge.KnowledgeTestSupport.uploadMarkdown;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentry.common.embedding.EmbeddingProvider;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Knowledge search: the suite's strategy words, logged as run; another tenant cannot search a collection. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class KnowledgeSearchResourceTest extends TwoTenantTest {

    @Inject
    EmbeddingProvider embeddings;

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

    @Test
    void theTurnPipelinesSearchByAReadyVectorWithFiltersAndSimilarity() {
        UUID tenant = UUID.randomUUID();
        String collection = collection(tenant, "ready-vector");
        uploadMarkdown(tenant, collection, GUIDE).statusCode(201);
        as(admin(tenant)).body(Map.of("title", "Opening hours", "file_type", "txt",
                "content", "The shop opens at nine in the morning and closes at six in the evening, Monday to Saturday."))
                .post("/v1/collections/" + collection + "/documents").then().statusCode(201);
        String search = "/v1/collections/" + collection + "/search";
        float[] question = embeddings.embed("how long is the warranty on the kettle").await().atMost(Duration.ofSeconds(30));

        // No query text: a vector search, ranked by the given vector, with the similarity of each hit.
        as(runtime(tenant)).body(Map.of("embedding", question, "embedding_model", embeddings.model(), "limit", 2)).post(search)
                .then().statusCode(200).body("mode", equalTo("vector")).body("embedding_model", equalTo(embeddings.model()))
                .body("items", hasSize(2))
                .body("items[0].chunk.content", containsString("two year warranty"))
                .body("items[0].chunk.metadata.section", equalTo("Store guide > Warranty"))
                .body("items[0].vector_similarity", greaterThan(0.5f))
                .body("items[0].source.title", equalTo("Store guide"));
        // Filtered to one file type: only the plain-text document's chunk.
        as(runtime(tenant)).body(Map.of("embedding", question, "embedding_model", embeddings.model(), "file_type", "txt"))
                .post(search).then().statusCode(200).body("items", hasSize(1))
                .body("items[0].source.title", equalTo("Opening hours"));
        // The vector beside a query: hybrid, and the given vector is used as is.
        as(runtime(tenant)).body(Map.of("query", "kettle warranty", "embedding", question, "embedding_model", embeddings.model()))
                .post(search).then().statusCode(200).body("mode", equalTo("hybrid"))
                .body("items[0].chunk.content", containsString("warranty"));

        // Refused, and logged nowhere: text without a query, a vector of the wrong width or model, a bad filter.
        Map<String, Long> before = rowCounts(tenant);
        as(runtime(tenant)).body(Map.of("embedding", question, "embedding_model", embeddings.model(), "mode", "text"))
                .post(search).then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("query"));
        as(runtime(tenant)).body(Map.of("embedding", new float[5], "embedding_model", embeddings.model())).post(search).then()
                .statusCode(400).body("errors[0].field", equalTo("embedding"));
        as(runtime(tenant)).body(Map.of("embedding", question, "embedding_model", "text-embedding-3-small")).post(search)
                .then().statusCode(400).body("errors[0].field", equalTo("embedding_model"));
        as(runtime(tenant)).body(Map.of("embedding", question)).post(search).then().statusCode(400);
        as(runtime(tenant)).body(Map.of("query", "kettle", "file_type", "exe")).post(search).then().statusCode(400)
                .body("errors[0].field", equalTo("file_type"));
        assertEquals(before, rowCounts(tenant));

        // The collection is found by its slug, by this tenant only.
        as(runtime(tenant)).queryParam("slug", "ready-vector").get("/v1/collections").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(collection));
        as(runtime(UUID.randomUUID())).queryParam("slug", "ready-vector").get("/v1/collections").then().statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void filtersOnTagsLanguageAndPagesAndEveryHitCitesItsPageAndHeading() {
        UUID tenant = UUID.randomUUID();
        String collection = collection(tenant, "filtered");
        String documents = "/v1/collections/" + collection + "/documents";
        // A form feed is a page break: page 1 is about refunds, page 2 about delivery.
        as(admin(tenant)).body(Map.of("title", "Policies", "file_type", "md", "metadata",
                Map.of("tags", List.of("billing", "faq"), "language", "en"),
                "content", "# Policies\n\n## Refunds\n\nRefunds go back to the card within five days.\f"
                        + "## Delivery\n\nParcels arrive within a week of the order."))
                .post(documents).then().statusCode(201);
        as(admin(tenant)).body(Map.of("title", "Giao hang", "file_type", "txt", "metadata",
                Map.of("tags", List.of("shipping"), "language", "vi"),
                "content", "Parcels arrive within three days in Hanoi."))
                .post(documents).then().statusCode(201);
        String search = "/v1/collections/" + collection + "/search";

        as(runtime(tenant)).body(Map.of("query", "when do parcels arrive", "page_from", 2)).post(search).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].page", equalTo(2))
                .body("items[0].heading", equalTo("Policies > Delivery"))
                .body("items[0].chunk.metadata.page", equalTo(2))
                .body("items[0].vector_similarity", greaterThan(0f));
        as(runtime(tenant)).body(Map.of("query", "when do parcels arrive", "page_from", 1, "page_to", 1)).post(search).then()
                .statusCode(200).body("items", hasSize(2)).body("items[0].heading", equalTo("Policies > Refunds"))
                .body("items.page", everyItem(equalTo(1)));
        // Without a page filter the page-less document is found too, with no page and no heading.
        as(runtime(tenant)).body(Map.of("query", "when do parcels arrive", "tags", List.of("shipping"))).post(search).then()
                .statusCode(200).body("items", hasSize(1)).body("items[0].source.title", equalTo("Giao hang"))
                .body("items[0].page", nullValue()).body("items[0].heading", nullValue());
        as(runtime(tenant)).body(Map.of("query", "when do parcels arrive", "tags", List.of("billing", "faq"))).post(search)
                .then().statusCode(200).body("items", hasSize(3)).body("items.source.title", everyItem(equalTo("Policies")));
        as(runtime(tenant)).body(Map.of("query", "when do parcels arrive", "tags", List.of("billing", "shipping"))).post(search)
                .then().statusCode(200).body("items", hasSize(0));
        as(runtime(tenant)).body(Map.of("query", "when do parcels arrive", "document_language", "vi")).post(search).then()
                .statusCode(200).body("items", hasSize(1)).body("items[0].source.title", equalTo("Giao hang"));
        String queryId = as(runtime(tenant)).body(Map.of("query", "parcels", "document_language", "en", "page_to", 2))
                .post(search).then().statusCode(200).body("items.source.title", everyItem(equalTo("Policies")))
                .extract().path("query_id");
        as(admin(tenant)).get("/v1/rag-queries/" + queryId).then().statusCode(200)
                .body("filters.document_language", equalTo("en")).body("filters.page_to", equalTo(2));

        // Bad filters: 400 naming the field, nothing logged.
        Map<String, Long> before = rowCounts(tenant);
        as(runtime(tenant)).body(Map.of("query", "parcels", "page_from", 3, "page_to", 2)).post(search).then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("page_to"));
        as(runtime(tenant)).body(Map.of("query", "parcels", "page_from", 0)).post(search).then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("page_from"));
        as(runtime(tenant)).body(Map.of("query", "parcels", "document_language", "English")).post(search).then()
                .statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("document_language"));
        as(runtime(tenant)).body(Map.of("query", "parcels", "tags", "billing,faq")).post(search).then().statusCode(400)
                .contentType(PROBLEM);
        as(runtime(tenant)).body(Map.of("query", "parcels", "page_from", "two")).post(search).then().statusCode(400)
                .contentType(PROBLEM);
        assertEquals(before, rowCounts(tenant));
    }
}
