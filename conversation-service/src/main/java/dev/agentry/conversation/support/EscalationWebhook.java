package dev.agentry.conversation.support;

import dev.agentry.common.blocking.Offload;
import dev.agentry.conversation.ConversationServiceConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import org.jboss.logging.Logger;

/**
 * Announces an escalation to the tenant's webhook ({@code escalation_webhook_url}), after the
 * escalation is stored and without holding up the answer. The request carries no Agentry token
 * (the URL is a third party's); its host is resolved and checked against internal addresses on
 * every call ({@link OutboundAddresses}). A failure is logged and counted
 * ({@code agentry_support_webhook_failures_total}); the escalation itself stands either way.
 */
@ApplicationScoped
public class EscalationWebhook {

    private static final Logger LOG = Logger.getLogger(EscalationWebhook.class);

    @Inject
    Vertx vertx;

    @Inject
    ConversationServiceConfig config;

    @Inject
    MeterRegistry metrics;

    private WebClient client;

    @PostConstruct
    void init() {
        client = WebClient.create(vertx);
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Sends {@code event} to {@code url}; completes with whether the receiver answered 2xx (never fails). */
    public Uni<Boolean> send(String url, JsonObject event) {
        URI uri = URI.create(url);
        long timeout = config.support().webhookTimeout().toMillis();
        return Offload.toWorker(() -> {
            try {
                OutboundAddresses.checkResolved(uri.getHost(), config.support().allowPrivateHosts());
                return true;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        })
                .flatMap(ok -> client.postAbs(url).putHeader("Content-Type", "application/json").timeout(timeout)
                        .sendJsonObject(event))
                .map(response -> response.statusCode() / 100 == 2)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("escalation webhook %s failed: %s", uri.getHost(), e.getMessage());
                    return false;
                })
                .invoke(delivered -> {
                    if (!delivered) {
                        metrics.counter("agentry.support.webhook.failures").increment();
                    }
                });
    }
}
