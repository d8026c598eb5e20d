package dev.agentry.common.limits;

import dev.agentry.common.tenant.TenantContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Counts one request of the caller's tenant against its plan's {@code max_daily_requests}, across
 * all services and both transports (one Redis counter per tenant and UTC day): REST through
 * {@link DailyRequestLimitFilter}, gRPC through common-grpc's {@code GrpcCalls}. Past the limit it
 * fails with {@link RateLimitedException}. Platform admins and unauthenticated calls are not
 * counted. With Redis slow or down the request goes through and
 * {@code agentry_plan_limit_unchecked_total} counts it (docs/operations.md).
 */
@ApplicationScoped
public class DailyRequestCounter {

    private static final Logger LOG = Logger.getLogger(DailyRequestCounter.class);
    static final String UNCHECKED_METRIC = "agentry.plan.limit.unchecked";

    @Inject
    PlanLimitsConfig config;

    @Inject
    PlanLimitStore store;

    @Inject
    Instance<MeterRegistry> metrics;

    private final Clock clock = Clock.systemUTC();

    /**
     * The usage after this request when the plan limits it (null when it is not counted or not
     * limited); fails with {@link RateLimitedException} past the limit.
     */
    public Uni<Usage> count(TenantContext caller) {
        if (!config.enabled() || !caller.isResolved() || caller.isPlatformAdmin()) {
            return Uni.createFrom().nullItem();
        }
        Instant now = clock.instant();
        return store.countRequest(caller.tenantId(), now)
                .ifNoItem().after(config.redisTimeout()).fail()
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("request of tenant %s not counted: %s", caller.tenantId(), e.toString());
                    if (metrics.isResolvable()) {
                        metrics.get().counter(UNCHECKED_METRIC).increment();
                    }
                    return null;
                })
                .map(usage -> {
                    if (usage == null || !usage.limited()) {
                        return null;
                    }
                    if (usage.exceeded()) {
                        throw new RateLimitedException(PlanLimitNames.MAX_DAILY_REQUESTS, usage, now);
                    }
                    return usage;
                });
    }

    /** Now, by the clock the counter uses: for the {@code RateLimit-Reset} of an answer. */
    public Instant now() {
        return clock.instant();
    }
}
