package dev.agentry.memory.graph;

import static dev.agentry.memory.MemoryTestSupport.as;
import static dev.agentry.memory.MemoryTestSupport.runtime;
import static dev.agentry.memory.MemoryTestSupport.viewer;

import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Shared steps of the graph tests: an entity, a fact's body, a neighbourhood read. */
final class GraphTestSupport {

    private GraphTestSupport() {
    }

    static String entity(UUID tenant, String name, String type) {
        return entity(tenant, name, type, null);
    }

    static String entity(UUID tenant, String name, String type, UUID customer) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "entity_type", type));
        if (customer != null) {
            body.put("customer_profile_id", customer);
        }
        return as(runtime(tenant)).body(body).post("/v1/entities").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> fact(String source, String type, String target, String from) {
        Map<String, Object> body = new HashMap<>(Map.of("source_entity_id", source, "relationship_type", type,
                "target_entity_id", target));
        if (from != null) {
            body.put("valid_from", from);
        }
        return body;
    }

    static ValidatableResponse neighbours(UUID tenant, String entity, String asOf) {
        var request = as(viewer(tenant)).queryParam("relationship_type", "lives_in", "likes", "has_plan");
        if (asOf != null) {
            request = request.queryParam("as_of", asOf);
        }
        return request.get("/v1/entities/" + entity + "/neighbours").then().statusCode(200);
    }
}
