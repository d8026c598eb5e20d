package dev.agentry.memory.knowledge.collection;

import static dev.agentry.memory.MemoryTestSupport.PROBLEM;
import static dev.agentry.memory.MemoryTestSupport.admin;
import static dev.agentry.memory.MemoryTestSupport.as;
import static dev.agentry.memory.MemoryTestSupport.viewer;
import static dev.agentry.memory.knowledge.KnowledgeTestSupport.collection;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Knowledge collections: created, read, changed, deleted; another tenant neither sees nor changes them. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CollectionResourceTest extends TwoTenantTest {

    @Override
    protected String schema() {
        return "memory";
    }

    @Test
    void collectionsAreManaged() {
        UUID tenant = UUID.randomUUID();
        String id = as(admin(tenant)).body(Map.of("name", "FAQ", "slug", "faq", "language", "vi")).post("/v1/collections").then()
                .statusCode(201).body("embedding_model", equalTo("bge-small-en-v1.5-q")).body("chunk_size", equalTo(1000))
                .body("chunk_overlap", equalTo(150)).body("status", equalTo("active")).body("document_count", equalTo(0))
                .body("language", equalTo("vi")).extract().path("id");
        as(admin(tenant)).body(Map.of("name", "FAQ again", "slug", "faq")).post("/v1/collections").then().statusCode(409)
                .contentType(PROBLEM).body("errors[0].field", equalTo("slug"));
        as(admin(tenant)).body(Map.of("name", "x", "slug", "other", "embedding_model", "text-embedding-3-small"))
                .post("/v1/collections").then().statusCode(400).body("errors[0].field", equalTo("embedding_model"));
        as(admin(tenant)).body(Map.of("name", "x", "slug", "other", "chunk_size", 200, "chunk_overlap", 150))
                .post("/v1/collections").then().statusCode(400).body("errors[0].field", equalTo("chunk_overlap"));
        as(admin(tenant)).body(Map.of("chunk_overlap", 600)).patch("/v1/collections/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("chunk_overlap"));
        as(admin(tenant)).body(Map.of("description", "Questions", "chunk_size", 500)).patch("/v1/collections/" + id).then()
                .statusCode(200).body("description", equalTo("Questions")).body("chunk_size", equalTo(500));
        as(viewer(tenant)).get("/v1/collections").then().statusCode(200).body("items.id", equalTo(List.of(id)));
        as(viewer(tenant)).body(Map.of("name", "x", "slug", "mine")).post("/v1/collections").then().statusCode(403);
        as(admin(tenant)).delete("/v1/collections/" + id).then().statusCode(204);
        as(viewer(tenant)).get("/v1/collections/" + id).then().statusCode(404).contentType(PROBLEM);
        // The slug is free again.
        collection(tenant, "faq");
    }

    @Test
    void anotherTenantNeitherSeesNorChangesACollection() {
        String id = collection(tenantA, "tenant-a-only");
        String other = admin(tenantB);
        as(other).get("/v1/collections/" + id).then().statusCode(404).contentType(PROBLEM);
        as(other).get("/v1/collections").then().statusCode(200).body("items", hasSize(0));
        as(other).body(Map.of("description", "taken over")).patch("/v1/collections/" + id).then().statusCode(404);
        as(other).delete("/v1/collections/" + id).then().statusCode(404);
        // B may use the same slug: slugs are unique per tenant.
        collection(tenantB, "tenant-a-only");
        as(viewer(tenantA)).get("/v1/collections/" + id).then().statusCode(200).body("slug", equalTo("tenant-a-only"))
                .body("description", org.hamcrest.Matchers.nullValue());
    }
}
