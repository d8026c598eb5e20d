package dev.agentry.conversation.dependency;

import dev.agentry.conversation.ConversationServiceConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * One JSON call to another Agentry service on the turn's behalf: the caller's own bearer token
 * travels with it (the turn acts as the tenant's agent runtime, never as a platform identity), it
 * goes through its dependency's circuit breaker ({@link Breakers}: skipped at once while open), it
 * may take {@code agentry.conversation.turn.call-timeout} but never past the turn's deadline
 * ({@link CallBudget}; a call due after it is not made), and any failure (down, slow, an error
 * status, an answer that is not JSON, an open breaker) is an empty answer, never an exception: the
 * pipeline degrades. Non-blocking (Vert.x web client).
 */
@ApplicationScoped
public class ServiceCalls {

    private static final Logger LOG = Logger.getLogger(ServiceCalls.class);

    @Inject
    Vertx vertx;

    @Inject
    ConversationServiceConfig config;

    @Inject
    Breakers breakers;

    private WebClient client;

    @PostConstruct
    void init() {
        client = WebClient.create(vertx);
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * GETs {@code url} and answers only its HTTP status (0 when the service could not be reached in
     * time): for existence checks, where 404 and "could not ask" must stay apart.
     */
    public Uni<Integer> status(Dependency dependency, CallBudget budget, String url, String authorization) {
        return call(dependency, budget, url, config.turn().callTimeout(),
                timeout -> json(client.getAbs(url), authorization, timeout).send(), HttpResponse::statusCode, 0);
    }

    /** GETs {@code url}; the JSON object answered with a 2xx, else empty (failures degrade, never throw). */
    public Uni<Optional<JsonObject>> get(Dependency dependency, CallBudget budget, String url, String authorization) {
        return call(dependency, budget, url, config.turn().callTimeout(),
                timeout -> json(client.getAbs(url), authorization, timeout).send(), ServiceCalls::successBody, Optional.empty());
    }

    /** An answer's status and JSON body (null when it had none). */
    public record Answer(int status, JsonObject body) {
    }

    /**
     * POSTs {@code body} to {@code url} allowing {@code timeout}: the status and body of whatever
     * was answered, or empty when nothing was (down, slow): for calls whose error answers mean
     * something (409: "not configured").
     */
    public Uni<Optional<Answer>> exchange(Dependency dependency, CallBudget budget, String url, String authorization,
            JsonObject body, Duration timeout) {
        return call(dependency, budget, url, timeout, allowed -> json(client.postAbs(url), authorization, allowed).sendJsonObject(body),
                response -> {
                    JsonObject json = null;
                    try {
                        json = response.bodyAsJsonObject();
                    } catch (RuntimeException e) {
                        LOG.debugf("%s answered %d without JSON", url, response.statusCode());
                    }
                    return Optional.of(new Answer(response.statusCode(), json));
                }, Optional.empty());
    }

    /** POSTs {@code body} to {@code url}; the JSON object answered with a 2xx, else empty. */
    public Uni<Optional<JsonObject>> post(Dependency dependency, CallBudget budget, String url, String authorization, JsonObject body) {
        return call(dependency, budget, url, config.turn().callTimeout(),
                timeout -> json(client.postAbs(url), authorization, timeout).sendJsonObject(body), ServiceCalls::successBody,
                Optional.empty());
    }

    private static Optional<JsonObject> successBody(HttpResponse<Buffer> response) {
        return response.statusCode() / 100 == 2 ? Optional.of(response.bodyAsJsonObject()) : Optional.empty();
    }

    private static HttpRequest<Buffer> json(HttpRequest<Buffer> request, String authorization, Duration timeout) {
        return request.putHeader("Authorization", authorization).putHeader("Accept", "application/json").timeout(timeout.toMillis());
    }

    /**
     * The call, within the budget and through the breaker: {@code send} with the time allowed,
     * {@code read} on its answer; {@code unavailable} when it was not made or failed. A 5xx is a
     * failure for the breaker (the service is unwell); any other status is read as an answer.
     */
    private <T> Uni<T> call(Dependency dependency, CallBudget budget, String url, Duration timeout,
            Function<Duration, Uni<HttpResponse<Buffer>>> send, Function<HttpResponse<Buffer>, T> read, T unavailable) {
        Optional<Duration> allowed = budget.allow(timeout);
        if (allowed.isEmpty()) {
            LOG.debugf("%s not called: the turn's deadline has passed", url);
            return Uni.createFrom().item(unavailable);
        }
        boolean capped = allowed.get().compareTo(timeout) < 0;
        return breakers.guard(dependency, () -> send.apply(allowed.get())
                .ifNoItem().after(allowed.get()).fail()
                .onFailure(ServiceCalls::isTimeout).transform(e -> capped ? new DeadlineReached(url) : e)
                .map(response -> {
                    if (response.statusCode() >= 500) {
                        throw new DependencyFailed(url, response.statusCode());
                    }
                    return read.apply(response);
                }))
                .onFailure().recoverWithItem(e -> {
                    if (e instanceof CircuitBreakerOpenException) {
                        budget.circuitOpen(dependency);
                        LOG.debugf("%s not called: the circuit breaker of %s is open", url, dependency.label());
                    } else if (e instanceof DeadlineReached) {
                        budget.reachedDeadline();
                        LOG.debugf("%s", e.getMessage());
                    } else {
                        LOG.debugf("%s failed: %s", url, e.toString());
                    }
                    return unavailable;
                });
    }

    /** Mutiny's own timeout, or the Vert.x client's ({@code NoStackTraceTimeoutException}: "The timeout period ..."). */
    private static boolean isTimeout(Throwable e) {
        return e instanceof java.util.concurrent.TimeoutException || e.getClass().getSimpleName().contains("Timeout");
    }

    /** A 5xx: the service answered that it is unwell, a failure for its breaker. */
    static final class DependencyFailed extends RuntimeException {

        DependencyFailed(String url, int status) {
            super(url + " answered " + status, null, false, false);
        }
    }
}
