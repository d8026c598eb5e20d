package dev.agentry.config.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * jsonb columns that hold more than a flat object (scenario steps, workflow definitions, any JSON
 * value): written as text through the API's own ObjectMapper (so the stored JSON has the wire's
 * snake_case names) and bound as {@code $n::text::jsonb}, which keeps a JSON string a string.
 */
@ApplicationScoped
public class JsonColumns {

    @Inject
    ObjectMapper mapper;

    /** The JSON text of {@code value} for a {@code $n::text::jsonb} parameter; SQL NULL for null. */
    public String text(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON", e);
        }
    }

    /** Reads a jsonb column (selected as it is) into {@code type}. */
    public <T> T read(Row row, String column, TypeReference<T> type) {
        Object value = plain(row.getValue(column));
        return value == null ? null : mapper.convertValue(value, type);
    }

    /** Any jsonb value as plain Java: maps, lists, strings, numbers, booleans, or null. */
    public Object value(Row row, String column) {
        return plain(row.getValue(column));
    }

    public <T> T convert(Object value, Class<T> type) {
        return mapper.convertValue(value, type);
    }

    private static Object plain(Object value) {
        if (value instanceof JsonObject object) {
            return object.getMap();
        }
        if (value instanceof JsonArray array) {
            return array.getList();
        }
        return value;
    }
}
