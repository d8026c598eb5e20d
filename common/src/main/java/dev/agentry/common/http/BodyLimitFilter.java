package dev.agentry.common.http;

import dev.agentry.common.error.PayloadTooLargeException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Refuses a body whose declared length is over the limit, as problem+json, before it is parsed. */
public class BodyLimitFilter {

    // Filters are built during static init, before runtime config exists: resolve it per use.
    @Inject
    Instance<HttpLimitsConfig> limitsConfig;

    @ServerRequestFilter(preMatching = true, priority = FilterPriorities.BODY_LIMIT)
    public void checkLength(ContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return;
        }
        HttpLimitsConfig limits = limitsConfig.get();
        try {
            if (Long.parseLong(declared.trim()) > limits.maxBodyBytes()) {
                throw new PayloadTooLargeException(limits.maxBodyBytes());
            }
        } catch (NumberFormatException e) {
            // The HTTP layer answers a malformed Content-Length itself.
        }
    }
}
