package dev.agentry.config.runtime;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;

/**
 * Generation counters in Redis: one per tenant, bumped on every configuration write of that
 * tenant, and one for the platform, bumped on every platform-admin write (registries and
 * permissions reach any tenant). Cached runtime configs are keyed by both, so one INCR
 * invalidates every entry on every instance at once; the TTL only cleans up.
 */
@ApplicationScoped
public class ConfigGenerations {

    static final String PLATFORM = "agentry:config:gen:platform";

    private final ReactiveValueCommands<String, String> values;

    public ConfigGenerations(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class);
    }

    /** The pair of generations that names a tenant's cache entries, e.g. {@code 12.3}. */
    public Uni<String> current(UUID tenantId) {
        String tenantKey = tenantKey(tenantId);
        return values.mget(tenantKey, PLATFORM).map(found -> generation(found, tenantKey) + "." + generation(found, PLATFORM));
    }

    public Uni<Void> bumpTenant(UUID tenantId) {
        return values.incr(tenantKey(tenantId)).replaceWithVoid();
    }

    public Uni<Void> bumpPlatform() {
        return values.incr(PLATFORM).replaceWithVoid();
    }

    static String tenantKey(UUID tenantId) {
        return "agentry:config:gen:" + tenantId;
    }

    private static String generation(Map<String, String> found, String key) {
        String value = found.get(key);
        return value == null ? "0" : value;
    }
}
