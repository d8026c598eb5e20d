package dev.agentry.common.events;

import dev.agentry.common.id.Ids;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Something that happened in one service that others act on (profile-service merged two profiles;
 * conversation-service moves the sessions). On the stream an event is five fields: {@code id}
 * (UUID v7, so a consumer can tell a repeat), {@code type} ({@code profile.merged}),
 * {@code tenant_id}, {@code occurred_at} and {@code data} (a JSON object of strings).
 */
public record DomainEvent(UUID id, String type, UUID tenantId, Instant occurredAt, Map<String, String> data) {

    public static final String PROFILE_MERGED = "profile.merged";

    /**
     * profile-service erased a person: {@code erasure_id}, {@code profile_ids} (comma-separated: the
     * survivor and every profile merged into it). Every store holding personal data erases them.
     */
    public static final String PROFILE_ERASED = "profile.erased";

    /**
     * A store erased what it held for an erasure: {@code erasure_id}, {@code store}, {@code touched}
     * (a JSON object of counts), {@code completed_at}. profile-service keeps it as the receipt.
     */
    public static final String ERASURE_RECEIPT = "erasure.receipt";

    public static DomainEvent of(String type, UUID tenantId, Map<String, String> data) {
        return new DomainEvent(Ids.newId(), type, tenantId, Instant.now(), Map.copyOf(data));
    }

    Map<String, String> toFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", id.toString());
        fields.put("type", type);
        fields.put("tenant_id", tenantId.toString());
        fields.put("occurred_at", occurredAt.toString());
        fields.put("data", new JsonObject(new LinkedHashMap<>(data)).encode());
        return fields;
    }

    /** The event an entry holds; an entry that is not one is an {@link IllegalArgumentException}. */
    static DomainEvent fromFields(Map<String, String> f) {
        try {
            Map<String, String> data = new LinkedHashMap<>();
            new JsonObject(f.getOrDefault("data", "{}")).forEach(e -> data.put(e.getKey(), String.valueOf(e.getValue())));
            return new DomainEvent(UUID.fromString(f.get("id")), f.get("type"), UUID.fromString(f.get("tenant_id")),
                    Instant.parse(f.get("occurred_at")), data);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a domain event: " + f.keySet(), e);
        }
    }
}
