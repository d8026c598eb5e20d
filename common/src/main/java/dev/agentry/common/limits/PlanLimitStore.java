package dev.agentry.common.limits;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The tenants' plan limits and usage counters in Redis, shared by every service. config-service
 * publishes each tenant's limits ({@link #publish}) when a tenant is created or changed and at
 * start; every service reads them in the same round trip that counts a use, so a change of plan
 * applies at the next request. Each command touches one tenant's keys only, and they share the
 * hash tag {@code {tenant}}: a script's keys are in one slot, so this works on Redis Cluster.
 * <ul>
 * <li>{@code agentry:plan:{<tenant>}}: hash of limit name to value (no expiry);</li>
 * <li>{@code agentry:requests:{<tenant>}:<yyyy-mm-dd>}: requests of that UTC day (expires after it);</li>
 * <li>{@code agentry:tokens:{<tenant>}:<yyyy-mm>}: LLM tokens of that UTC month (expires after it).</li>
 * </ul>
 */
@ApplicationScoped
public class PlanLimitStore {

    /** Replaces a tenant's limits in one step (a reader never sees half of an update). */
    private static final String PUBLISH = """
            redis.call('DEL', KEYS[1])
            for i = 1, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
            return #ARGV / 2""";

    /** Adds to a period's counter (setting its expiry on first use), and reads the limit: one round trip. */
    private static final String COUNT = """
            local used = redis.call('INCRBY', KEYS[2], ARGV[1])
            if used == tonumber(ARGV[1]) then redis.call('EXPIRE', KEYS[2], ARGV[2]) end
            local limit = redis.call('HGET', KEYS[1], ARGV[3])
            return {used, limit or '-1'}""";

    /** Reads a period's counter and the limit without counting. */
    private static final String PEEK = """
            local used = redis.call('GET', KEYS[2]) or '0'
            local limit = redis.call('HGET', KEYS[1], ARGV[1])
            return {used, limit or '-1'}""";

    @Inject
    ReactiveRedisDataSource redis;

    /** Sets the tenant's limits to exactly {@code limits} (a null value: no limit of that name). */
    public Uni<Void> publish(UUID tenant, Map<String, Long> limits) {
        List<String> args = new ArrayList<>(List.of("EVAL", PUBLISH, "1", planKey(tenant)));
        limits.forEach((name, value) -> {
            if (value != null) {
                args.add(name);
                args.add(Long.toString(value));
            }
        });
        return redis.execute(args.get(0), args.subList(1, args.size()).toArray(String[]::new)).replaceWithVoid();
    }

    /** One limit of the tenant's plan, read without counting anything; empty when the plan sets none. */
    public Uni<OptionalLong> limit(UUID tenant, String name) {
        return redis.execute("HGET", planKey(tenant), name)
                .map(r -> r == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(r.toString())));
    }

    /** Counts one request of the tenant's current UTC day. */
    public Uni<Usage> countRequest(UUID tenant, Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant reset = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return count(requestsKey(tenant, day), tenant, 1, reset, now, PlanLimitNames.MAX_DAILY_REQUESTS);
    }

    /** Adds {@code tokens} to the tenant's current UTC month. */
    public Uni<Usage> addTokens(UUID tenant, long tokens, Instant now) {
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        return count(tokensKey(tenant, month), tenant, tokens, monthEnd(month), now, PlanLimitNames.MAX_MONTHLY_TOKENS);
    }

    /** The tokens used this UTC month and the limit, without counting. */
    public Uni<Usage> tokens(UUID tenant, Instant now) {
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        return redis.execute("EVAL", PEEK, "2", planKey(tenant), tokensKey(tenant, month), PlanLimitNames.MAX_MONTHLY_TOKENS)
                .map(r -> usage(r, monthEnd(month)));
    }

    private Uni<Usage> count(String counterKey, UUID tenant, long amount, Instant reset, Instant now, String limitName) {
        // Keep the counter a little past its period, so a clock a few seconds off does not restart it.
        long ttl = Math.max(1, reset.getEpochSecond() - now.getEpochSecond()) + 3600;
        return redis.execute("EVAL", COUNT, "2", planKey(tenant), counterKey, Long.toString(amount), Long.toString(ttl), limitName)
                .map(r -> usage(r, reset));
    }

    private static Usage usage(Response reply, Instant reset) {
        return new Usage(Long.parseLong(reply.get(0).toString()), Long.parseLong(reply.get(1).toString()), reset);
    }

    private static Instant monthEnd(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static String planKey(UUID tenant) {
        return "agentry:plan:{" + tenant + "}";
    }

    static String requestsKey(UUID tenant, LocalDate day) {
        return "agentry:requests:{" + tenant + "}:" + day;
    }

    static String tokensKey(UUID tenant, YearMonth month) {
        return "agentry:tokens:{" + tenant + "}:" + month;
    }
}
