package dev.agentry.memory.knowledge.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.common.error.PayloadTooLargeException;
import dev.agentry.common.error.Problem;
import dev.agentry.memory.MemoryConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Two body limits in one service. common's {@code OversizedBodyHandler} refuses any body over
 * {@code agentry.http.max-body-bytes}, which memory-service sets at its file upload limit (plus a
 * multipart form's own bytes); this route, right behind it and ahead of authentication and the REST
 * layer, holds every other request to {@code agentry.memory.http.max-body-bytes}. A file upload is
 * a POST or PUT of a collection's documents whose body is neither JSON nor one of the text types
 * indexed in the request ({@code multipart/form-data}, {@code application/pdf}, {@code text/html}, ...).
 * Both look at the declared Content-Length; a chunked body is bounded by
 * {@code quarkus.http.limits.max-body-size} only.
 */
@ApplicationScoped
public class UploadBodyLimits {

    /** What a multipart form adds to its file (boundaries, part headers, small fields). */
    static final long FORM_ALLOWANCE = 1024 * 1024;

    private static final Pattern DOCUMENTS = Pattern.compile("^/v1/collections/[^/]+/documents(/[^/]+)?/?$");
    private static final Set<String> INDEXED_IN_REQUEST = Set.of("application/json", "text/plain", "text/markdown", "text/x-markdown",
            "text/csv");

    @Inject
    MemoryConfig config;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::limit);
    }

    private void limit(RoutingContext ctx) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            try {
                long length = Long.parseLong(declared.trim());
                long limit = isFileUpload(ctx.request()) ? config.knowledge().maxUploadBytes() + FORM_ALLOWANCE
                        : config.http().maxBodyBytes();
                if (length > limit) {
                    refuse(ctx, limit);
                    return;
                }
            } catch (NumberFormatException e) {
                // The HTTP layer answers a malformed Content-Length itself.
            }
        }
        ctx.next();
    }

    static boolean isFileUpload(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST && request.method() != HttpMethod.PUT) {
            return false;
        }
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null || !DOCUMENTS.matcher(request.path()).matches()) {
            return false;
        }
        String bare = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return !INDEXED_IN_REQUEST.contains(bare) && !bare.endsWith("+json");
    }

    private void refuse(RoutingContext ctx, long limit) {
        PayloadTooLargeException e = new PayloadTooLargeException(limit);
        Problem problem = Problem.of(413, e.code(), e.title(), e.getMessage(), ctx.request().path(), null);
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException impossible) {
            body = "{\"status\":413}";
        }
        // The unread body is not drained: the connection closes after the answer.
        ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close").end(body);
    }
}
