package dev.agentry.memory.knowledge;

import static dev.agentry.memory.MemoryTestSupport.admin;
import static dev.agentry.memory.MemoryTestSupport.as;
import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;

/** Shared steps of the knowledge tests: a collection, a Markdown upload, a small guide to upload. */
public final class KnowledgeTestSupport {

    private KnowledgeTestSupport() {
    }

    public static final String GUIDE = """
            # Store guide

            ## Returns

            Items can be returned within 30 days. Keep the receipt.

            ## Shipping

            Orders leave the Hanoi warehouse every weekday.

            ## Warranty

            The ZX-4471-QB kettle has a two year warranty.
            """;

    public static String collection(UUID tenant, String slug) {
        return as(admin(tenant)).body(Map.of("name", "Help center", "slug", slug, "chunk_size", 200, "chunk_overlap", 0))
                .post("/v1/collections").then().statusCode(201).extract().path("id");
    }

    public static ValidatableResponse uploadMarkdown(UUID tenant, String collection, String text) {
        return given().auth().oauth2(admin(tenant)).contentType("text/markdown; charset=utf-8").queryParam("title", "Store guide")
                .queryParam("filename", "guide.md").body(text).post("/v1/collections/" + collection + "/documents").then();
    }
}
