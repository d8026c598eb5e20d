package dev.agentry.memory.knowledge.document;

import static dev.agentry.memory.MemoryTestSupport.PROBLEM;
import static dev.agentry.memory.MemoryTestSupport.admin;
import static dev.agentry.memory.MemoryTestSupport.as;
import static dev.agentry.memory.MemoryTestSupport.rowCounts;
import static dev.agentry.memory.MemoryTestSupport.runtime;
import static dev.agentry.memory.MemoryTestSupport.viewer;
import static dev.agentry.memory.knowledge.KnowledgeTestSupport.GUIDE;
import static dev.agentry.memory.knowledge.KnowledgeTestSupport.collection;
import static dev.agentry.memory.knowledge.KnowledgeTestSupport.uploadMarkdown;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** RAG documents: uploads, dedup, versioning, their chunks searched and explained by the query log; tenants apart. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DocumentResourceTest extends TwoTenantTest {

    @Override
    protected String schema() {
        return "memory";
    }

    @Test
    void anUploadIsChunkedOnHeadingsEmbeddedAndSearchable() {
        UUID tenant = UUID.randomUUID();
        String collection = collection(tenant, "help");
        String doc = uploadMarkdown(tenant, collection, GUIDE).statusCode(201).body("unchanged", equalTo(false))
                .body("chunks_added", equalTo(4)).body("document.status", equalTo("indexed")).body("document.version", equalTo(1))
                .body("document.file_type", equalTo("md")).body("document.chunk_count", equalTo(4))
                .body("document.content_hash", notNullValue()).body("document.uploaded_by", notNullValue())
                .extract().path("document.id");
        as(viewer(tenant)).get("/v1/collections/" + collection + "/documents/" + doc + "/chunks").then().statusCode(200)
                .body("items", hasSize(4)).body("items.metadata.section", hasItem("Store guide > Warranty"))
                .body("items.is_current", everyItem(equalTo(true))).body("items[0].chunk_hash.size()", equalTo(64));
        as(viewer(tenant)).get("/v1/collections/" + collection).then().body("document_count", equalTo(1)).body("chunk_count", equalTo(4));

        String queryId = as(runtime(tenant)).body(Map.of("query", "how long is the warranty on the kettle", "limit", 2))
                .post("/v1/collections/" + collection + "/search").then().statusCode(200)
                .body("strategy", equalTo("exact")).body("mode", equalTo("hybrid")).body("latency_ms", greaterThan(0f))
                .body("items[0].chunk.content", equalTo("## Warranty\n\nThe ZX-4471-QB kettle has a two year warranty."))
                .body("items[0].source.title", equalTo("Store guide")).body("items[0].source.filename", equalTo("guide.md"))
                .body("items[0].score", greaterThan(0f)).body("items[0].vector_rank", equalTo(1))
                .extract().path("query_id");
        as(admin(tenant)).get("/v1/rag-queries/" + queryId).then().statusCode(200)
                .body("query_text", equalTo("how long is the warranty on the kettle")).body("result_chunk_ids", hasSize(2))
                .body("strategy", equalTo("exact")).body("top_score", greaterThan(0f)).body("chunks", hasSize(2))
                .body("filters.limit", equalTo(2));
        as(viewer(tenant)).body(Map.of("score", 1, "comment", "exactly right")).post("/v1/rag-queries/" + queryId + "/feedback")
                .then().statusCode(200).body("feedback_score", equalTo(1)).body("feedback_comment", equalTo("exactly right"))
                .body("feedback_at", notNullValue());
        as(viewer(tenant)).body(Map.of("score", 5)).post("/v1/rag-queries/" + queryId + "/feedback").then().statusCode(400)
                .body("errors[0].field", equalTo("score"));
        as(admin(tenant)).queryParam("collection_id", collection).get("/v1/rag-queries").then().statusCode(200)
                .body("items.id", equalTo(List.of(queryId)));
        // Vector mode: one ranking, no text parts.
        as(runtime(tenant)).body(Map.of("query", "kettle guarantee period", "mode", "vector", "limit", 1))
                .post("/v1/collections/" + collection + "/search").then().statusCode(200).body("strategy", equalTo("exact"))
                .body("items[0].chunk.content", org.hamcrest.Matchers.containsString("warranty"))
                .body("items[0].text_rank", org.hamcrest.Matchers.nullValue());
        // Text mode finds the exact code.
        as(runtime(tenant)).body(Map.of("query", "ZX-4471-QB", "mode", "text")).post("/v1/collections/" + collection + "/search")
                .then().statusCode(200).body("strategy", org.hamcrest.Matchers.nullValue()).body("items", hasSize(1))
                .body("items[0].source.document_id", equalTo(doc));
    }

    @Test
    void uploadingTheSameTextAgainIsANoOp() {
        UUID tenant = UUID.randomUUID();
        String collection = collection(tenant, "dedup");
        String doc = uploadMarkdown(tenant, collection, GUIDE).statusCode(201).extract().path("document.id");
        Map<String, Long> before = rowCounts(tenant);
        // The same text, as JSON this time and with CRLF line ends: normalised, it is the same document.
        as(admin(tenant)).body(Map.of("title", "Another title", "content", GUIDE.replace("\n", "\r\n"), "file_type", "md"))
                .post("/v1/collections/" + collection + "/documents").then().statusCode(200).body("unchanged", equalTo(true))
                .body("document.id", equalTo(doc)).body("chunks_added", equalTo(0));
        assertEquals(before, rowCounts(tenant));
        // Another tenant's upload into this collection is 404 whatever its body, and adds nothing.
        UUID stranger = UUID.randomUUID();
        for (String body : new String[] { "{}", "{\"title\": ", "{\"content\": 5}" }) {
            as(admin(stranger)).body(body).post("/v1/collections/" + collection + "/documents").then().statusCode(404)
                    .contentType("application/problem+json");
        }
        assertEquals(before, rowCounts(tenant));
    }

    @Test
    void replacingADocumentVersionsItsChunksAndOldAnswersStayExplained() {
        UUID tenant = UUID.randomUUID();
        String collection = collection(tenant, "versions");
        String doc = uploadMarkdown(tenant, collection, GUIDE).statusCode(201).extract().path("document.id");
        String oldQuery = as(runtime(tenant)).body(Map.of("query", "return window in days", "limit", 1))
                .post("/v1/collections/" + collection + "/search").then().statusCode(200)
                .body("items[0].chunk.content", equalTo("## Returns\n\nItems can be returned within 30 days. Keep the receipt."))
                .extract().path("query_id");
        String changed = GUIDE.replace("within 30 days", "within 60 days");
        given().auth().oauth2(admin(tenant)).contentType("text/markdown").body(changed)
                .put("/v1/collections/" + collection + "/documents/" + doc).then().statusCode(200)
                .body("unchanged", equalTo(false)).body("document.version", equalTo(2)).body("chunks_added", equalTo(1))
                .body("chunks_kept", equalTo(3)).body("chunks_archived", equalTo(1)).body("document.title", equalTo("Store guide"))
                .body("document.chunk_count", equalTo(4));
        as(viewer(tenant)).queryParam("include_archived", true).get("/v1/collections/" + collection + "/documents/" + doc + "/chunks")
                .then().statusCode(200).body("items", hasSize(5))
                .body("items.find { !it.is_current }.content", equalTo("## Returns\n\nItems can be returned within 30 days. Keep the receipt."))
                .body("items.find { !it.is_current }.archived_at", notNullValue())
                .body("items.find { it.content.contains('60 days') }.version", equalTo(2))
                .body("items.find { it.content.contains('Warranty') }.version", equalTo(1));
        as(viewer(tenant)).get("/v1/collections/" + collection + "/documents/" + doc + "/chunks").then().statusCode(200)
                .body("items", hasSize(4));
        as(runtime(tenant)).body(Map.of("query", "return window in days", "limit", 4)).post("/v1/collections/" + collection + "/search")
                .then().statusCode(200).body("items.chunk.content", not(hasItem(org.hamcrest.Matchers.containsString("30 days"))))
                .body("items[0].chunk.content", org.hamcrest.Matchers.containsString("60 days"))
                .body("items[0].source.document_version", equalTo(2));
        // The earlier answer is still explained by the chunk it returned, now archived.
        as(admin(tenant)).get("/v1/rag-queries/" + oldQuery).then().statusCode(200)
                .body("chunks[0].content", org.hamcrest.Matchers.containsString("30 days")).body("chunks[0].is_current", equalTo(false));
        as(viewer(tenant)).get("/v1/collections/" + collection).then().body("chunk_count", equalTo(4));
        // Replacing with the same text again changes nothing.
        Map<String, Long> before = rowCounts(tenant);
        as(admin(tenant)).body(Map.of("content", changed)).put("/v1/collections/" + collection + "/documents/" + doc).then()
                .statusCode(200).body("unchanged", equalTo(true)).body("document.version", equalTo(2));
        assertEquals(before, rowCounts(tenant));
        // Deleting the document removes all its versions.
        as(admin(tenant)).delete("/v1/collections/" + collection + "/documents/" + doc).then().statusCode(204);
        assertEquals(0L, rowCounts(tenant).get("chunks"));
        as(viewer(tenant)).get("/v1/collections/" + collection).then().body("chunk_count", equalTo(0)).body("document_count", equalTo(0));
    }

    @Test
    void csvAndPlainTextAreRead() {
        UUID tenant = UUID.randomUUID();
        String collection = collection(tenant, "catalog");
        given().auth().oauth2(admin(tenant)).contentType("text/csv").queryParam("filename", "products.csv")
                .body("sku,name,price\nZX-1,\"Kettle, steel\",19\nZX-2,Mug,5\n").post("/v1/collections/" + collection + "/documents")
                .then().statusCode(201).body("document.file_type", equalTo("csv")).body("document.title", equalTo("products.csv"));
        as(runtime(tenant)).body(Map.of("query", "steel kettle price", "mode", "text")).post("/v1/collections/" + collection + "/search")
                .then().statusCode(200).body("items[0].chunk.content", org.hamcrest.Matchers.containsString("name: Kettle, steel; price: 19"));
        given().auth().oauth2(admin(tenant)).contentType("text/plain").queryParam("title", "Note")
                .body("Plain text works too.").post("/v1/collections/" + collection + "/documents").then().statusCode(201)
                .body("document.file_type", equalTo("txt"));
    }

    @Test
    void badUploadsAreRefusedAndNothingIsWritten() {
        UUID tenant = UUID.randomUUID();
        String collection = collection(tenant, "strict");
        Map<String, Long> before = rowCounts(tenant);
        uploadMarkdown(tenant, UUID.randomUUID().toString(), GUIDE).statusCode(404).contentType(PROBLEM);
        uploadMarkdown(tenant, collection, "   \n\n  ").statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("content"));
        as(admin(tenant)).body(Map.of("title", "Empty", "content", "")).post("/v1/collections/" + collection + "/documents").then()
                .statusCode(400).body("errors[0].field", equalTo("content"));
        as(admin(tenant)).body(Map.of("content", "No title and no file name.")).post("/v1/collections/" + collection + "/documents")
                .then().statusCode(400).body("errors[0].field", equalTo("title"));
        // Over the document limit (64 KiB in tests) but under the HTTP body limit: 413 from the service.
        uploadMarkdown(tenant, collection, "Too long. ".repeat(7000)).statusCode(413).contentType(PROBLEM);
        // Over the HTTP body limit (1 MiB in tests): 413 before the body is read.
        uploadMarkdown(tenant, collection, "x".repeat(1_100_000)).statusCode(413).contentType(PROBLEM);
        given().auth().oauth2(admin(tenant)).contentType("application/pdf").body(new byte[] { 1, 2, 3 })
                .post("/v1/collections/" + collection + "/documents").then().statusCode(415).contentType(PROBLEM);
        as(admin(tenant)).body(Map.of("title", "x", "content", "y", "file_type", "pdf")).post("/v1/collections/" + collection + "/documents")
                .then().statusCode(400).body("errors[0].field", equalTo("file_type"));
        as(runtime(tenant)).body(Map.of("query", " ")).post("/v1/collections/" + collection + "/search").then().statusCode(400)
                .body("errors[0].field", equalTo("query"));
        as(runtime(tenant)).body(Map.of("query", "x")).post("/v1/collections/" + UUID.randomUUID() + "/search").then()
                .statusCode(404).contentType(PROBLEM);
        as(viewer(tenant)).body(Map.of("score", 1)).post("/v1/rag-queries/" + UUID.randomUUID() + "/feedback").then().statusCode(404);
        as(runtime(tenant)).body(Map.of("title", "x", "content", "y")).post("/v1/collections/" + collection + "/documents").then()
                .statusCode(403);
        assertEquals(before, rowCounts(tenant));
        // An archived collection takes no documents.
        as(admin(tenant)).body(Map.of("status", "archived")).patch("/v1/collections/" + collection).then().statusCode(200);
        uploadMarkdown(tenant, collection, GUIDE).statusCode(409).contentType(PROBLEM);
        assertEquals(0L, rowCounts(tenant).get("documents"));
    }

    @Test
    void anotherTenantSeesAndChangesNothing() {
        UUID a = tenantA;
        UUID b = tenantB;
        String collection = collection(a, "private");
        String doc = uploadMarkdown(a, collection, GUIDE).statusCode(201).extract().path("document.id");
        String query = as(runtime(a)).body(Map.of("query", "warranty")).post("/v1/collections/" + collection + "/search").then()
                .statusCode(200).extract().path("query_id");
        Map<String, Long> before = rowCounts(a);
        String other = admin(b);
        String base = "/v1/collections/" + collection;
        as(other).get(base).then().statusCode(404).contentType(PROBLEM);
        as(other).body(Map.of("name", "mine now")).patch(base).then().statusCode(404);
        as(other).body(Map.of("query", "warranty")).post(base + "/search").then().statusCode(404);
        uploadMarkdown(b, collection, "Injected text.").statusCode(404);
        as(other).body(Map.of("content", "Replaced text.")).put(base + "/documents/" + doc).then().statusCode(404);
        as(other).get(base + "/documents").then().statusCode(404);
        as(other).get(base + "/documents/" + doc).then().statusCode(404);
        as(other).get(base + "/documents/" + doc + "/chunks").then().statusCode(404);
        as(other).delete(base + "/documents/" + doc).then().statusCode(404);
        as(other).get("/v1/rag-queries/" + query).then().statusCode(404);
        as(other).body(Map.of("score", -1)).post("/v1/rag-queries/" + query + "/feedback").then().statusCode(404);
        as(other).get("/v1/rag-queries").then().statusCode(200).body("items", hasSize(0));
        as(other).get("/v1/collections").then().statusCode(200).body("items", hasSize(0));
        as(other).delete(base).then().statusCode(404);
        // A collection of B's own cannot reach A's document either.
        String mine = collection(b, "mine");
        as(other).get("/v1/collections/" + mine + "/documents/" + doc).then().statusCode(404);
        assertEquals(before, rowCounts(a));
        as(admin(a)).get("/v1/rag-queries/" + query).then().statusCode(200).body("feedback_score", org.hamcrest.Matchers.nullValue());
    }
}
