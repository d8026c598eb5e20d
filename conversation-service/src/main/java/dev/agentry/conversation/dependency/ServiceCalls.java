package dev.agentry.conversation.dependency;

import dev.agentry.conversation.ConversationServiceConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One JSON call to another Agentry service on the turn's behalf: the caller's own bearer token
 * travels with it (the turn acts as the tenant's agent runtime, never as a platform identity), it
 * may take {@code agentry.conversation.turn.call-timeout}, and any failure (down, slow, an error
 * status, an answer that is not JSON) is an empty answer, never an exception: the pipeline degrades.
 * Non-blocking (Vert.x web client).
 */
@ApplicationScoped
public class ServiceCalls {

    private static final Logger LOG = Logger.getLogger(ServiceCalls.class);

    @Inject
    Vertx vertx;

    @Inject
    ConversationServiceConfig config;

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
    public Uni<Integer> status(String url, String authorization) {
        return client.getAbs(url).putHeader("Authorization", authorization).putHeader("Accept", "application/json")
                .timeout(config.turn().callTimeout().toMillis())
                .send()
                .ifNoItem().after(config.turn().callTimeout()).fail()
                .map(response -> response.statusCode())
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("%s failed: %s", url, e.toString());
                    return 0;
                });
    }

    /** GETs {@code url}; the JSON object answered with a 2xx, else empty (failures degrade, never throw). */
    public Uni<Optional<JsonObject>> get(String url, String authorization) {
        return client.getAbs(url).putHeader("Authorization", authorization).putHeader("Accept", "application/json")
                .timeout(config.turn().callTimeout().toMillis())
                .send()
                .ifNoItem().after(config.turn().callTimeout()).fail()
                .map(response -> response.statusCode() / 100 == 2 ? Optional.of(response.bodyAsJsonObject()) : Optional.<JsonObject> empty())
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("%s failed: %s", url, e.toString());
                    return Optional.empty();
                });
    }

    /** An answer's status and JSON body (null when it had none). */
    public record Answer(int status, JsonObject body) {
    }

    /**
     * POSTs {@code body} to {@code url} allowing {@code timeout}: the status and body of whatever
     * was answered, or empty when nothing was (down, slow): for calls whose error answers mean
     * something (409: "not configured").
     */
    public Uni<Optional<Answer>> exchange(String url, String authorization, JsonObject body, java.time.Duration timeout) {
        return client.postAbs(url).putHeader("Authorization", authorization).putHeader("Accept", "application/json")
                .timeout(timeout.toMillis())
                .sendJsonObject(body)
                .ifNoItem().after(timeout).fail()
                .map(response -> {
                    JsonObject json = null;
                    try {
                        json = response.bodyAsJsonObject();
                    } catch (RuntimeException e) {
                        LOG.debugf("%s answered %d without JSON", url, response.statusCode());
                    }
                    return Optional.of(new Answer(response.statusCode(), json));
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("%s failed: %s", url, e.toString());
                    return Optional.empty();
                });
    }

    /** POSTs {@code body} to {@code url}; the JSON object answered with a 2xx, else empty. */
    public Uni<Optional<JsonObject>> post(String url, String authorization, JsonObject body) {
        return client.postAbs(url).putHeader("Authorization", authorization).putHeader("Accept", "application/json")
                .timeout(config.turn().callTimeout().toMillis())
                .sendJsonObject(body)
                .ifNoItem().after(config.turn().callTimeout()).fail()
                .map(response -> {
                    if (response.statusCode() / 100 != 2) {
                        LOG.debugf("%s answered %d", url, response.statusCode());
                        return Optional.<JsonObject> empty();
                    }
                    return Optional.of(response.bodyAsJsonObject());
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("%s failed: %s", url, e.toString());
                    return Optional.empty();
                });
    }
}
