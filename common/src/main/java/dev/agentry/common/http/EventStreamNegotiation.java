package dev.agentry.common.http;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Where one path answers JSON or, asked, an event stream (two resource methods told apart by
 * {@code @Produces}), a client that names no type ({@code Accept} absent, {@code *}{@code /*}) must
 * get the JSON answer; JAX-RS would be free to pick the stream. For the paths a service lists in
 * {@code agentry.http.event-stream-paths} (regular expressions on the request path), a request
 * whose {@code Accept} does not name {@code text/event-stream} is told to accept JSON, before
 * matching. Other paths are untouched.
 */
public class EventStreamNegotiation {

    // Filters are built at static init, before runtime configuration: resolve the mapping at first use.
    @Inject
    Instance<HttpLimitsConfig> config;

    private volatile List<Pattern> paths;

    @ServerRequestFilter(preMatching = true, priority = FilterPriorities.TENANT + 5)
    public void preferJson(ContainerRequestContext request) {
        List<Pattern> streaming = paths();
        if (streaming.isEmpty()) {
            return;
        }
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains(MediaType.SERVER_SENT_EVENTS)) {
            return;
        }
        String path = request.getUriInfo().getPath();
        if (streaming.stream().anyMatch(p -> p.matcher(path).matches())) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        }
    }

    /** Read once, at the first request: filters are built before runtime configuration. */
    private List<Pattern> paths() {
        List<Pattern> known = paths;
        if (known == null) {
            known = config.get().eventStreamPaths().orElse(List.of()).stream().map(Pattern::compile).toList();
            paths = known;
        }
        return known;
    }
}
