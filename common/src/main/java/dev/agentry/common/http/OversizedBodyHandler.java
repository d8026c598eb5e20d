package dev.agentry.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.common.error.PayloadTooLargeException;
import dev.agentry.common.error.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Refuses a body over {@code agentry.http.max-body-bytes} with 413 problem+json before anything
 * reads it: a declared length over the limit is answered by a route that runs before every other
 * (authentication and the REST layer included), and the HTTP layer's own 413 (a chunked body that
 * grew past {@code quarkus.http.limits.max-body-size}) gets the same problem document instead of an
 * empty answer.
 */
@ApplicationScoped
public class OversizedBodyHandler {

    @Inject
    HttpLimitsConfig limits;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::refuseDeclaredOversize);
        router.errorHandler(413, ctx -> answer(ctx));
    }

    private void refuseDeclaredOversize(RoutingContext ctx) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limits.maxBodyBytes()) {
                    answer(ctx);
                    return;
                }
            } catch (NumberFormatException e) {
                // The HTTP layer answers a malformed Content-Length itself.
            }
        }
        ctx.next();
    }

    private void answer(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        PayloadTooLargeException e = new PayloadTooLargeException(limits.maxBodyBytes());
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
