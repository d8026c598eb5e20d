package dev.agentry.conversation.connector;

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

/**
 * JSON over HTTP to Zendesk and Jira with basic authentication, non-blocking, each call bounded by
 * {@code agentry.conversation.sync.call-timeout}. A non-2xx answer fails with its status and the
 * start of its body (never the credential).
 */
@ApplicationScoped
public class TrackerHttp {

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

    public Uni<JsonObject> get(String url, String user, String password) {
        return send(client.getAbs(url), user, password, null);
    }

    public Uni<JsonObject> post(String url, String user, String password, JsonObject body) {
        return send(client.postAbs(url), user, password, body);
    }

    public Uni<JsonObject> put(String url, String user, String password, JsonObject body) {
        return send(client.putAbs(url), user, password, body);
    }

    private Uni<JsonObject> send(HttpRequest<Buffer> request, String user, String password, JsonObject body) {
        long timeout = config.sync().callTimeout().toMillis();
        request.basicAuthentication(user, password).putHeader("Accept", "application/json").timeout(timeout);
        Uni<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
        return sent.onFailure().transform(e -> new TrackerException("not reachable: " + e.getMessage())).map(response -> {
            if (response.statusCode() / 100 != 2) {
                String text = response.bodyAsString();
                throw new TrackerException("answered " + response.statusCode()
                        + (text == null ? "" : ": " + text.substring(0, Math.min(200, text.length()))));
            }
            String text = response.bodyAsString();
            return text == null || text.isBlank() ? new JsonObject() : new JsonObject(text);
        });
    }
}
