package dev.agentry.common.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditValuesTest {

    private final ObjectMapper mapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    record Created(UUID id, String name, String key, String keyPrefix, UUID apiKeyId, Llm llm, List<Map<String, Object>> tools) {
    }

    record Llm(String provider, String apiKey, String sealedKey) {
    }

    @Test
    void secretsAreTakenOutWhereverTheySitAndTheRestStays() {
        UUID id = UUID.randomUUID();
        Map<String, Object> values = AuditValues.of(new Created(id, "ops", "agk_live_abc", "agk_live", UUID.randomUUID(),
                new Llm("openai", "sk-123", "AAAA"), List.of(Map.of("name", "crm", "client_secret", "s3", "password", "p"))),
                mapper);
        assertEquals(id.toString(), values.get("id"));
        assertEquals("ops", values.get("name"));
        assertEquals(AuditValues.REDACTED, values.get("key"));
        assertEquals("agk_live", values.get("key_prefix"));
        assertFalse(AuditValues.REDACTED.equals(values.get("api_key_id")));
        @SuppressWarnings("unchecked")
        Map<String, Object> llm = (Map<String, Object>) values.get("llm");
        assertEquals("openai", llm.get("provider"));
        assertEquals(AuditValues.REDACTED, llm.get("api_key"));
        assertEquals(AuditValues.REDACTED, llm.get("sealed_key"));
        @SuppressWarnings("unchecked")
        Map<String, Object> tool = ((List<Map<String, Object>>) values.get("tools")).get(0);
        assertEquals("crm", tool.get("name"));
        assertEquals(AuditValues.REDACTED, tool.get("client_secret"));
        assertEquals(AuditValues.REDACTED, tool.get("password"));
        assertFalse(values.toString().contains("sk-123"));
    }

    @Test
    void namesThatAreNotSecrets() {
        assertTrue(AuditValues.isSecret("password_hash"));
        assertTrue(AuditValues.isSecret("access_token"));
        assertTrue(AuditValues.isSecret("private_key"));
        assertFalse(AuditValues.isSecret("key_prefix"));
        assertFalse(AuditValues.isSecret("api_key_id"));
        assertFalse(AuditValues.isSecret("keywords"));
        assertFalse(AuditValues.isSecret("name"));
    }

    @Test
    void aLargeAnswerIsSummarisedAndAnythingButAnObjectIsLeftOut() {
        Map<String, Object> large = AuditValues.of(Map.of("steps", "x".repeat(AuditValues.MAX_BYTES), "name", "big"), mapper);
        assertTrue(String.valueOf(large.get("omitted")).contains("larger than"));
        assertEquals(List.of("steps", "name").stream().sorted().toList(),
                ((List<?>) large.get("fields")).stream().map(String::valueOf).sorted().toList());
        assertNull(AuditValues.of(List.of(1, 2), mapper));
        assertNull(AuditValues.of("text", mapper));
        assertNull(AuditValues.of(null, mapper));
    }
}
