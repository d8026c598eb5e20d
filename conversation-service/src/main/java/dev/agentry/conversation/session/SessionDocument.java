package dev.agentry.conversation.session;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.UUID;

/**
 * A session as the JSON the API answers, with the two fields a read must check: the tenant it
 * belongs to and its version (the ETag). The hot key holds exactly this JSON (written by the same
 * ObjectMapper the API writes with), so {@code GET /v1/sessions/{id}} answers it as it is instead of
 * parsing it into a Session and writing it again: that parse-and-write was most of the JSON work of
 * the suite's most frequent read (docs/benchmarks.md). Only the top-level {@code tenant_id} and
 * {@code version} are read, with a streaming parser that skips every nested value.
 */
public record SessionDocument(String json, UUID tenantId, long version) {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** The document's tenant and version; a document without both is not one this service wrote. */
    public static SessionDocument of(String json) {
        UUID tenant = null;
        long version = -1;
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("a session document in Redis is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME && (tenant == null || version < 0)) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("tenant_id".equals(field) && value == JsonToken.VALUE_STRING) {
                    tenant = UUID.fromString(p.getText());
                } else if ("version".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                    version = p.getLongValue();
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("a session document in Redis is not valid JSON", e);
        }
        if (tenant == null || version < 0) {
            throw new IllegalStateException("a session document in Redis has no tenant_id or version");
        }
        return new SessionDocument(json, tenant, version);
    }
}
