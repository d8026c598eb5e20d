package dev.agentry.conversation.dependency;

import dev.agentry.conversation.ConversationServiceConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import io.vertx.mutiny.core.parsetools.RecordParser;
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
import java.util.function.Consumer;
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
    /** For event streams: the web client reads a whole body, the core client a stream. */
    private HttpClient http;

    @PostConstruct
    void init() {
        client = WebClient.create(vertx);
        http = vertx.createHttpClient();
    }

    @PreDestroy
    void close() {
        client.close();
        http.close();
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

    /** A server-sent event: its name and its data (JSON). */
    public record Event(String name, JsonObject data) {
    }

    /**
     * POSTs {@code body} asking for server-sent events, and hands each event to {@code onEvent} as it
     * arrives: the first within what the turn's deadline leaves of {@code timeout} (a stream that has
     * started answering is then read to its end, each event within {@code timeout} of the last), so
     * the deadline bounds the wait for an answer, not the length of one being streamed. The item:
     * the status and the last event's data (the summary), or empty when nothing was answered (down,
     * slow, an {@code error} event, an open breaker). A non-2xx status is answered with its problem.
     */
    public Uni<Optional<Answer>> events(Dependency dependency, CallBudget budget, String url, String authorization, JsonObject body,
            Duration timeout, Consumer<Event> onEvent) {
        Optional<Duration> allowed = budget.allow(timeout);
        if (allowed.isEmpty()) {
            LOG.debugf("%s not called: the turn's deadline has passed", url);
            return Uni.createFrom().item(Optional.empty());
        }
        boolean capped = allowed.get().compareTo(timeout) < 0;
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url).setIdleTimeout(timeout.toMillis())
                .putHeader("Authorization", authorization).putHeader("Content-Type", "application/json")
                .putHeader("Accept", "text/event-stream");
        return breakers.guard(dependency, () -> http.request(options)
                .flatMap(request -> request.send(io.vertx.mutiny.core.buffer.Buffer.buffer(body.encode())).flatMap(response -> {
                    if (response.statusCode() / 100 != 2) {
                        return response.body().map(problem -> {
                            if (response.statusCode() >= 500) {
                                throw new DependencyFailed(url, response.statusCode());
                            }
                            JsonObject json = null;
                            try {
                                json = problem.toJsonObject();
                            } catch (RuntimeException e) {
                                LOG.debugf("%s answered %d without JSON", url, response.statusCode());
                            }
                            return Optional.of(new Answer(response.statusCode(), json));
                        });
                    }
                    return new EventReader(url, response, onEvent).read(vertx, allowed.get(), request)
                            .map(last -> Optional.of(new Answer(response.statusCode(), last)));
                }))
                .onFailure(ServiceCalls::isTimeout).transform(e -> capped ? new DeadlineReached(url) : e))
                .onFailure().recoverWithItem(e -> {
                    unanswered(budget, dependency, url, e);
                    return Optional.empty();
                });
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
                    unanswered(budget, dependency, url, e);
                    return unavailable;
                });
    }

    /**
     * Notes why {@code what} got no answer: an open breaker and the turn's deadline go into the
     * budget (the decision's {@code circuit_open}, {@code deadline_reached}); anything else is the
     * dependency's failure, at debug (the step is named in {@code degraded} all the same).
     */
    static void unanswered(CallBudget budget, Dependency dependency, String what, Throwable e) {
        if (e instanceof CircuitBreakerOpenException) {
            budget.circuitOpen(dependency);
            LOG.debugf("%s not called: the circuit breaker of %s is open", what, dependency.label());
        } else if (e instanceof DeadlineReached) {
            budget.reachedDeadline();
            LOG.debugf("%s", e.getMessage());
        } else {
            LOG.debugf("%s failed: %s", what, e.toString());
        }
    }

    /** Mutiny's own timeout, or the Vert.x client's ({@code NoStackTraceTimeoutException}: "The timeout period ..."). */
    private static boolean isTimeout(Throwable e) {
        return e instanceof java.util.concurrent.TimeoutException || e.getClass().getSimpleName().contains("Timeout");
    }

    /**
     * Reads an event stream line by line ({@code event:}, {@code data:}, a blank line ends an event),
     * giving each event to the consumer; the item is the last event's data. An {@code error} event
     * fails it ({@link DependencyFailed}); no first event within {@code first} resets the request.
     */
    private static final class EventReader {
        private final String url;
        private final HttpClientResponse response;
        private final Consumer<Event> onEvent;
        private String name;
        private final StringBuilder data = new StringBuilder();
        private JsonObject last;
        private volatile boolean started;

        EventReader(String url, HttpClientResponse response, Consumer<Event> onEvent) {
            this.url = url;
            this.response = response;
            this.onEvent = onEvent;
        }

        Uni<JsonObject> read(Vertx vertx, Duration first, io.vertx.mutiny.core.http.HttpClientRequest request) {
            long timer = vertx.setTimer(Math.max(1, first.toMillis()), id -> {
                if (!started) {
                    request.reset(0, new java.util.concurrent.TimeoutException("no event within " + first));
                }
            });
            return RecordParser.newDelimited("\n", response).toMulti()
                    .onItem().invoke(line -> line(line.toString()))
                    .onTermination().invoke(() -> vertx.cancelTimer(timer))
                    .collect().last()
                    .map(ignored -> {
                        dispatch();
                        return last;
                    });
        }

        private void line(String raw) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isEmpty()) {
                dispatch();
            } else if (line.startsWith("event:")) {
                name = line.substring("event:".length()).strip();
            } else if (line.startsWith("data:")) {
                data.append(line.substring("data:".length()).strip());
            }
        }

        private void dispatch() {
            if (data.length() == 0) {
                name = null;
                return;
            }
            started = true;
            JsonObject json = new JsonObject(data.toString());
            String event = name == null ? "message" : name;
            data.setLength(0);
            name = null;
            if (event.equals("error")) {
                throw new DependencyFailed(url + " (" + json.getString("detail") + ")", json.getInteger("status", 502));
            }
            last = json;
            onEvent.accept(new Event(event, json));
        }
    }

    /** A 5xx: the service answered that it is unwell, a failure for its breaker. */
    static final class DependencyFailed extends RuntimeException {

        DependencyFailed(String url, int status) {
            super(url + " answered " + status, null, false, false);
        }
    }
}
