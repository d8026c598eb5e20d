package dev.agentry.common.audit;

import dev.agentry.common.id.Ids;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One audit record as it travels on the audit stream: its own UUID v7 id (what makes delivery
 * idempotent: audit-service inserts by id and time, so a record published twice is stored once),
 * the table it is for, the tenant, when it happened, and the row's fields in {@code data}
 * (snake_case column names of that table: see docs/audit-service.md).
 *
 * <p>On the stream a record is five fields: {@code id}, {@code kind}, {@code tenant_id},
 * {@code occurred_at} (ISO-8601) and {@code data} (a JSON object).
 */
public record AuditRecord(UUID id, AuditKind kind, UUID tenantId, Instant occurredAt, Map<String, Object> data) {

    public static final String ID = "id";
    public static final String KIND = "kind";
    public static final String TENANT_ID = "tenant_id";
    public static final String OCCURRED_AT = "occurred_at";
    public static final String DATA = "data";

    public AuditRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        data = data == null ? Map.of() : data;
    }

    /** A new record with a fresh UUID v7 id, happening now. */
    public static AuditRecord of(AuditKind kind, UUID tenantId, Map<String, Object> data) {
        return new AuditRecord(Ids.newId(), kind, tenantId, Instant.now(), data);
    }

    /** The stream entry's fields. {@code data} values may be UUIDs, instants and enums: written as strings. */
    public Map<String, String> toFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(ID, id.toString());
        fields.put(KIND, kind.wire());
        fields.put(TENANT_ID, tenantId.toString());
        fields.put(OCCURRED_AT, occurredAt.toString());
        fields.put(DATA, new JsonObject(plainMap(data)).encode());
        return fields;
    }

    /**
     * Reads a stream entry back. A malformed entry (a field missing or unreadable) is an
     * {@link IllegalArgumentException} whose message names the field: such a record can never be
     * stored, and the consumer dead-letters it at once.
     */
    public static AuditRecord fromFields(Map<String, String> fields) {
        if (fields == null) {
            throw new IllegalArgumentException("entry has no fields");
        }
        UUID id = uuid(fields, ID);
        AuditKind kind = AuditKind.fromWire(fields.get(KIND));
        UUID tenant = uuid(fields, TENANT_ID);
        Instant at;
        try {
            at = Instant.parse(required(fields, OCCURRED_AT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(OCCURRED_AT + " is not an ISO-8601 instant");
        }
        String data = fields.get(DATA);
        Map<String, Object> values;
        try {
            values = data == null || data.isBlank() ? Map.of() : new JsonObject(data).getMap();
        } catch (DecodeException | ClassCastException | IllegalStateException e) {
            throw new IllegalArgumentException(DATA + " is not a JSON object");
        }
        return new AuditRecord(id, kind, tenant, at, values);
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }

    private static UUID uuid(Map<String, String> fields, String name) {
        try {
            return UUID.fromString(required(fields, name));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is missing or not a UUID");
        }
    }

    /** JSON-ready copy: UUIDs, instants, enums and other scalars as strings; maps and lists deep-copied. */
    static Map<String, Object> plainMap(Map<String, ?> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, plain(v)));
        return out;
    }

    private static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, value) -> out.put(String.valueOf(k), plain(value)));
            return out;
        }
        if (v instanceof JsonObject json) {
            return plainMap(json.getMap());
        }
        if (v instanceof JsonArray json) {
            return plain(json.getList());
        }
        if (v instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(plain(item)));
            return out;
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(java.util.Locale.ROOT);
        }
        return v.toString();
    }
}
