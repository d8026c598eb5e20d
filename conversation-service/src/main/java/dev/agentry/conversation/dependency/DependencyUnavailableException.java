package dev.agentry.conversation.dependency;

import dev.agentry.common.error.ServiceException;
import java.util.List;
import java.util.Map;

/**
 * 503: a check this request cannot do without another service (is this user one of the tenant's?)
 * could not be made, so nothing was changed. Retrying later is safe.
 */
public class DependencyUnavailableException extends ServiceException {

    public DependencyUnavailableException(String service, String what) {
        super(503, "dependency-unavailable", "Service Unavailable", service + " could not be asked " + what
                + "; nothing was changed, retry later", List.of());
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", "5");
    }
}
