package dev.agentry.audit.stream;

import dev.agentry.audit.AuditServiceConfig;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The dead-letter streams: one per tenant ({@code <prefix>:<tenant id>}), so that a tenant's
 * auditors see their own failures and nobody else's, plus {@code <prefix>:unknown} for entries
 * whose tenant cannot be read (visible to nobody through the API; operators read it with
 * redis-cli). Entries are never trimmed by audit-service.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Pattern ENTRY_ID = Pattern.compile("^[0-9]{1,20}-[0-9]{1,20}$");

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    AuditServiceConfig config;

    public String key(UUID tenant) {
        return config.deadLetterPrefix() + ":" + (tenant == null ? "unknown" : tenant);
    }

    /** Sets an entry aside with the reason; answers its dead-letter entry id. */
    public Uni<String> add(UUID tenant, String sourceEntryId, Map<String, String> entry, String error, int attempts) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("source_entry_id", sourceEntryId);
        fields.put("entry", new JsonObject(new LinkedHashMap<>(entry == null ? Map.of() : entry)).encode());
        fields.put("error", error == null ? "unknown" : error);
        fields.put("attempts", Integer.toString(attempts));
        fields.put("failed_at", Instant.now().toString());
        return redis.stream(String.class).xadd(key(tenant), fields);
    }

    /** A tenant's dead letters, newest first; the cursor is the last entry id shown. */
    public Uni<Page<DeadLetter>> list(UUID tenant, Integer limit, String cursor) {
        PageRequest bounds = PageRequest.of(limit, null);
        if (cursor != null && !cursor.isBlank() && !ENTRY_ID.matcher(cursor).matches()) {
            throw new dev.agentry.common.error.ValidationException("cursor", "is not a cursor this API issued");
        }
        String end = cursor == null || cursor.isBlank() ? "+" : "(" + cursor;
        return redis.stream(String.class).xrevrange(key(tenant), StreamRange.of(end, "-"), bounds.fetchSize())
                .map(messages -> {
                    List<DeadLetter> items = new ArrayList<>();
                    for (StreamMessage<String, String, String> m : messages) {
                        items.add(map(m));
                    }
                    if (items.size() <= bounds.limit()) {
                        return new Page<>(items, null);
                    }
                    List<DeadLetter> page = List.copyOf(items.subList(0, bounds.limit()));
                    return new Page<>(page, page.get(page.size() - 1).id());
                });
    }

    /** How many dead letters a tenant has. */
    public Uni<Long> count(UUID tenant) {
        return redis.stream(String.class).xlen(key(tenant));
    }

    private static DeadLetter map(StreamMessage<String, String, String> m) {
        Map<String, String> p = m.payload();
        Map<String, String> entry = new LinkedHashMap<>();
        try {
            new JsonObject(p.getOrDefault("entry", "{}")).forEach(e -> entry.put(e.getKey(), String.valueOf(e.getValue())));
        } catch (RuntimeException e) {
            entry.put("unreadable", p.get("entry"));
        }
        int attempts;
        try {
            attempts = Integer.parseInt(p.getOrDefault("attempts", "0"));
        } catch (NumberFormatException e) {
            attempts = 0;
        }
        Instant failedAt;
        try {
            failedAt = Instant.parse(p.get("failed_at"));
        } catch (RuntimeException e) {
            failedAt = null;
        }
        return new DeadLetter(m.id(), p.get("source_entry_id"), entry, p.get("error"), attempts, failedAt);
    }
}
