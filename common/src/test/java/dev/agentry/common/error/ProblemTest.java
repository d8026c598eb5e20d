package dev.agentry.common.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemTest {

    // As the services configure it (quarkus.jackson.property-naming-strategy=SNAKE_CASE).
    private final ObjectMapper json = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    @Test
    void extensionMembersAreWrittenBesideTheStandardOnes() throws Exception {
        var e = new ServiceException(409, "insufficient-stock", "Conflict", "Only 3 available, 5 requested",
                List.of(new FieldError("quantity", "only 3 available")), Map.of("available", 3));
        JsonNode body = json.readTree(json.writeValueAsString(
                Problem.of(e.status(), e.code(), e.title(), e.getMessage(), "/v1/x", e.errors(), e.extensions())));

        assertEquals(3, body.get("available").asInt());
        assertEquals("https://agentry.dev/problems/insufficient-stock", body.get("type").asText());
        assertEquals(409, body.get("status").asInt());
        assertEquals("quantity", body.get("errors").get(0).get("field").asText());
        assertFalse(body.has("extensions"), "the map itself is not a member");
        assertFalse(body.has("extension_members"));
    }

    @Test
    void aProblemWithoutExtensionsHasOnlyTheStandardMembers() throws Exception {
        JsonNode body = json.readTree(json.writeValueAsString(Problem.of(404, "not-found", "Not Found", "no such agent", "/v1/a", null)));
        assertEquals(List.of("type", "title", "status", "detail", "instance"), fieldNames(body));
    }

    @Test
    void anExtensionMayNotReplaceAStandardMember() {
        assertThrows(IllegalArgumentException.class,
                () -> new ServiceException(409, "c", "Conflict", "d", List.of(), Map.of("status", 200)));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
