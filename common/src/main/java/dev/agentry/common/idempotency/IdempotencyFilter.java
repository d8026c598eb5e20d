package dev.agentry.common.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.common.error.ConflictException;
import dev.agentry.common.http.FirstUse;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.http.FilterPriorities;
import dev.agentry.common.tenant.TenantContext;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Honours {@code Idempotency-Key} on POST. The first request with a key reserves it in Redis
 * ({@code SET NX PX}, so a crash frees it after the in-flight timeout); a success (2xx) is kept for
 * the retention time and a retry with the same key (same tenant and path) gets that answer again,
 * marked {@code Idempotent-Replayed: true}, instead of creating twice. A retry while the first
 * still runs gets 409. A failure frees the key, so a corrected retry runs. Keys are per tenant.
 */
public class IdempotencyFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final String SLOT_PROPERTY = IdempotencyFilter.class.getName() + ".slot";
    private static final String IN_FLIGHT = "in-flight";

    // Filters are built at static init, before runtime configuration: resolve beans per use.
    @Inject
    Instance<IdempotencyConfig> config;

    @Inject
    Instance<ReactiveRedisDataSource> redis;

    @Inject
    Instance<ObjectMapper> json;

    @Inject
    TenantContext caller;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "agentry")
    String service;

    private final FirstUse<IdempotencyConfig> settings = FirstUse.of(() -> config);

    @ServerRequestFilter(priority = FilterPriorities.IDEMPOTENCY)
    public Uni<Response> replayOrReserve(ContainerRequestContext request) {
        String key = request.getHeaderString(HEADER);
        IdempotencyConfig settings = this.settings.get();
        if (key == null || !"POST".equals(request.getMethod()) || !settings.enabled() || !caller.isResolved()) {
            return Uni.createFrom().nullItem();
        }
        if (key.isBlank() || key.length() > settings.maxKeyLength()) {
            throw new ValidationException(HEADER, "must be 1 to " + settings.maxKeyLength() + " characters");
        }
        String slot = slot(key, request.getUriInfo().getPath());
        ReactiveRedisDataSource ds = redis.get();
        return ds.execute("SET", slot, IN_FLIGHT, "NX", "PX", Long.toString(settings.inFlightTimeout().toMillis()))
                .flatMap(reserved -> {
                    if (reserved != null) {
                        request.setProperty(SLOT_PROPERTY, slot);
                        return Uni.createFrom().nullItem();
                    }
                    return ds.value(String.class).get(slot).map(IdempotencyFilter::replay);
                });
    }

    @ServerResponseFilter(priority = FilterPriorities.IDEMPOTENCY)
    public Uni<Void> remember(ContainerRequestContext request, ContainerResponseContext response) {
        Object slot = request.getProperty(SLOT_PROPERTY);
        if (slot == null) {
            return Uni.createFrom().voidItem();
        }
        ReactiveRedisDataSource ds = redis.get();
        if (response.getStatus() < 200 || response.getStatus() >= 300) {
            return ds.key().del(slot.toString()).replaceWithVoid();
        }
        JsonObject stored = new JsonObject()
                .put("status", response.getStatus())
                .put("content_type", response.getMediaType() == null ? MediaType.APPLICATION_JSON : response.getMediaType().toString())
                .put("location", response.getHeaderString(HttpHeaders.LOCATION))
                .put("body", body(response.getEntity()));
        return ds.execute("SET", slot.toString(), stored.encode(), "PX", Long.toString(settings.get().retention().toMillis()))
                .replaceWithVoid();
    }

    private static Response replay(String stored) {
        if (stored == null) {
            // Expired between the two commands: run the request unprotected rather than fail it.
            return null;
        }
        if (IN_FLIGHT.equals(stored)) {
            throw new ConflictException(HEADER, "a request with this key is still in progress");
        }
        JsonObject answer = new JsonObject(stored);
        Response.ResponseBuilder builder = Response.status(answer.getInteger("status"))
                .type(answer.getString("content_type")).header(REPLAYED_HEADER, "true");
        if (answer.getString("location") != null) {
            builder.header(HttpHeaders.LOCATION, answer.getString("location"));
        }
        String body = answer.getString("body");
        return (body == null ? builder : builder.entity(body)).build();
    }

    /** The Idempotency-Key slot this request reserved, if it did (for {@link StreamedAnswers}). */
    static java.util.Optional<String> reservedSlot(ContainerRequestContext request) {
        return java.util.Optional.ofNullable(request.getProperty(SLOT_PROPERTY)).map(Object::toString);
    }

    private String body(Object entity) {
        if (entity == null) {
            return null;
        }
        try {
            return json.get().writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot keep the answer for replay", e);
        }
    }

    private String slot(String key, String path) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((caller.tenantId() + "\n" + path + "\n" + key).getBytes(StandardCharsets.UTF_8));
            return "idempotency:" + service + ":" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
