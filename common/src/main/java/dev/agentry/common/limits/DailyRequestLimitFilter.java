package dev.agentry.common.limits;

import dev.agentry.common.http.FilterPriorities;
import dev.agentry.common.http.FirstUse;
import dev.agentry.common.tenant.TenantContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Counts every tenant request against its plan's {@code max_daily_requests}, across all services
 * (one Redis counter per tenant and UTC day), and answers 429 problem+json with {@code Retry-After}
 * past the limit. Every counted answer carries {@code RateLimit-Limit}, {@code RateLimit-Remaining}
 * and {@code RateLimit-Reset}. Platform admins are not counted. With Redis slow or down, the request
 * goes through and {@code agentry_plan_limit_unchecked_total} counts it (docs/operations.md).
 */
public class DailyRequestLimitFilter {

    private static final Logger LOG = Logger.getLogger(DailyRequestLimitFilter.class);
    private static final String USAGE_PROPERTY = DailyRequestLimitFilter.class.getName() + ".usage";
    static final String UNCHECKED_METRIC = "agentry.plan.limit.unchecked";

    // Filters are built at static init, before runtime configuration: resolve beans per use.
    @Inject
    Instance<PlanLimitsConfig> config;

    @Inject
    Instance<PlanLimitStore> store;

    @Inject
    Instance<MeterRegistry> metrics;

    @Inject
    TenantContext caller;

    private final FirstUse<PlanLimitsConfig> settings = FirstUse.of(() -> config);
    private final Clock clock = Clock.systemUTC();

    @ServerRequestFilter(priority = FilterPriorities.PLAN_LIMITS)
    public Uni<Response> count(ContainerRequestContext request) {
        PlanLimitsConfig settings = this.settings.get();
        if (!settings.enabled() || !caller.isResolved() || caller.isPlatformAdmin()) {
            return Uni.createFrom().nullItem();
        }
        Instant now = clock.instant();
        return store.get().countRequest(caller.tenantId(), now)
                .ifNoItem().after(settings.redisTimeout()).fail()
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
                    request.setProperty(USAGE_PROPERTY, usage);
                    if (usage.exceeded()) {
                        throw new RateLimitedException(PlanLimitNames.MAX_DAILY_REQUESTS, usage, now);
                    }
                    return null;
                });
    }

    @ServerResponseFilter(priority = FilterPriorities.PLAN_LIMITS)
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(USAGE_PROPERTY) instanceof Usage usage) {
            RateLimitHeaders.of(usage, clock.instant()).forEach((name, value) -> {
                if (!response.getHeaders().containsKey(name)) {
                    response.getHeaders().putSingle(name, value);
                }
            });
        }
    }
}
