package dev.agentry.common.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * The {@link IdempotencyFilter}'s answer for a request answered as a stream (server-sent events):
 * its response filter runs before a stream has an answer to keep, so the resource keeps it here
 * when the work is done, in the filter's format (a retry with the key then gets it as JSON, marked
 * replayed), or frees the key when the work failed. Without a reserved key, nothing to do.
 */
@ApplicationScoped
public class StreamedAnswers {

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    IdempotencyConfig config;

    @Inject
    ObjectMapper json;

    /** The key this request reserved, read while the request is being handled. */
    public Optional<String> reservedSlot(ContainerRequestContext request) {
        return IdempotencyFilter.reservedSlot(request);
    }

    /** Keeps {@code answer} (200, JSON) for retries with the key. */
    public Uni<Void> keep(Optional<String> slot, Object answer) {
        if (slot.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String body;
        try {
            body = json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            return free(slot);
        }
        JsonObject stored = new JsonObject().put("status", 200).put("content_type", MediaType.APPLICATION_JSON)
                .put("location", (String) null).put("body", body);
        return redis.execute("SET", slot.get(), stored.encode(), "PX", Long.toString(config.retention().toMillis())).replaceWithVoid();
    }

    /** Frees the key: the work failed, a corrected retry runs. */
    public Uni<Void> free(Optional<String> slot) {
        return slot.isEmpty() ? Uni.createFrom().voidItem() : redis.key().del(slot.get()).replaceWithVoid();
    }
}
