package dev.agentry.common.limits;

import dev.agentry.common.http.FilterPriorities;
import dev.agentry.common.http.FirstUse;
import dev.agentry.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Counts every tenant REST request against its plan's {@code max_daily_requests} through
 * {@link DailyRequestCounter} (shared with gRPC calls), and answers 429 problem+json with
 * {@code Retry-After} past the limit. Every counted answer carries {@code RateLimit-Limit},
 * {@code RateLimit-Remaining} and {@code RateLimit-Reset}.
 */
public class DailyRequestLimitFilter {

    private static final String USAGE_PROPERTY = DailyRequestLimitFilter.class.getName() + ".usage";

    // Filters are built at static init, before runtime configuration: resolve beans per use.
    @Inject
    Instance<DailyRequestCounter> counter;

    @Inject
    TenantContext caller;

    private final FirstUse<DailyRequestCounter> requests = FirstUse.of(() -> counter);

    @ServerRequestFilter(priority = FilterPriorities.PLAN_LIMITS)
    public Uni<Response> count(ContainerRequestContext request) {
        return requests.get().count(caller).map(usage -> {
            if (usage != null) {
                request.setProperty(USAGE_PROPERTY, usage);
            }
            return null;
        });
    }

    @ServerResponseFilter(priority = FilterPriorities.PLAN_LIMITS)
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(USAGE_PROPERTY) instanceof Usage usage) {
            RateLimitHeaders.of(usage, requests.get().now()).forEach((name, value) -> {
                if (!response.getHeaders().containsKey(name)) {
                    response.getHeaders().putSingle(name, value);
                }
            });
        }
    }
}
