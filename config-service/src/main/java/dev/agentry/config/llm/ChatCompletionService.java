package dev.agentry.config.llm;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.ConflictException;
import dev.agentry.common.error.ServiceException;
import dev.agentry.common.limits.TokenBudget;
import dev.agentry.common.secret.SecretCipher;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.config.ConfigServiceConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Completes a chat with the tenant's own model and API key (its LLM configuration), so that no
 * other service ever holds a tenant's provider key: the key is opened here, per call, and sent only
 * to the provider's OpenAI-compatible endpoint, which the operator configures
 * ({@code agentry.config.llm.provider-urls.<provider>}), never a tenant. The month's token budget of
 * the tenant's plan is checked before (429 when it is used up) and the provider's token counts are
 * added to it after. Non-blocking (Vert.x web client).
 */
@ApplicationScoped
public class ChatCompletionService {

    @Inject
    TenantTransactions tx;

    @Inject
    TenantLlmConfigStore configs;

    @Inject
    SecretCipher cipher;

    @Inject
    TokenBudget tokens;

    @Inject
    TenantContext caller;

    @Inject
    ConfigServiceConfig config;

    @Inject
    Vertx vertx;

    private WebClient client;

    @PostConstruct
    void init() {
        client = WebClient.create(vertx);
    }

    @PreDestroy
    void close() {
        client.close();
    }

    private record Target(TenantLlmConfig config, String apiKey, String url) {
    }

    public Uni<ChatAnswer> complete(ChatRequest request) {
        UUID tenant = caller.tenantId();
        return tokens.requireTokensLeft(tenant)
                .flatMap(left -> tx.inTenant(tenant, conn -> configs.find(conn, tenant)
                        .flatMap(found -> configs.sealedKey(conn, tenant).map(key -> target(tenant, found, key)))))
                .flatMap(target -> call(target, request))
                .call(answer -> tokens.record(tenant, (long) answer.inputTokens() + answer.outputTokens()));
    }

    private Target target(UUID tenant, Optional<TenantLlmConfig> found, Optional<TenantLlmConfigStore.SealedKey> key) {
        if (found.isEmpty() || key.isEmpty()) {
            throw new ConflictException("this tenant has no LLM configured (PUT /v1/llm-config)");
        }
        LlmModel model = found.get().model();
        if (!model.enabled()) {
            throw new ConflictException("the tenant's model " + model.modelName() + " is disabled in the registry");
        }
        String base = config.llm().providerUrls().get(model.provider());
        if (base == null) {
            throw new ConflictException("no endpoint is configured for the provider " + model.provider()
                    + " (agentry.config.llm.provider-urls." + model.provider() + ")");
        }
        String apiKey = cipher.openString(tenant, TenantLlmConfigService.PURPOSE, key.get().ciphertext(), key.get().keyId());
        return new Target(found.get(), apiKey, base.replaceAll("/+$", "") + "/chat/completions");
    }

    private Uni<ChatAnswer> call(Target target, ChatRequest request) {
        LlmModel model = target.config().model();
        JsonArray messages = new JsonArray();
        request.messages().forEach(m -> messages.add(new JsonObject().put("role", m.role()).put("content", m.content())));
        JsonObject body = new JsonObject().put("model", model.modelName()).put("messages", messages);
        if (request.maxTokens() != null) {
            body.put("max_tokens", request.maxTokens());
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        long timeout = config.llm().timeout().toMillis();
        long started = System.nanoTime();
        return client.postAbs(target.url()).bearerTokenAuthentication(target.apiKey()).putHeader("Accept", "application/json")
                .timeout(timeout).sendJsonObject(body)
                .onFailure().transform(e -> e instanceof TimeoutException || String.valueOf(e.getMessage()).contains("timeout")
                        ? problem(504, "llm-timeout", "Gateway Timeout", "the LLM provider did not answer within " + config.llm().timeout())
                        : problem(502, "llm-unreachable", "Bad Gateway", "the LLM provider could not be reached: " + e.getMessage()))
                .map(response -> {
                    if (response.statusCode() / 100 != 2) {
                        throw problem(502, "llm-error", "Bad Gateway", "the LLM provider answered " + response.statusCode());
                    }
                    JsonObject json = response.bodyAsJsonObject();
                    JsonArray choices = json == null ? null : json.getJsonArray("choices");
                    if (choices == null || choices.isEmpty()) {
                        throw problem(502, "llm-error", "Bad Gateway", "the LLM provider answered no choice");
                    }
                    String content = choices.getJsonObject(0).getJsonObject("message", new JsonObject()).getString("content", "");
                    JsonObject usage = json.getJsonObject("usage", new JsonObject());
                    int in = usage.getInteger("prompt_tokens", 0);
                    int out = usage.getInteger("completion_tokens", 0);
                    double cost = in / 1000.0 * model.costPer1kInputTokens() + out / 1000.0 * model.costPer1kOutputTokens();
                    return new ChatAnswer(content, model.modelName(), model.provider(), in, out, cost,
                            (System.nanoTime() - started) / 1_000_000);
                });
    }

    private static ServiceException problem(int status, String code, String title, String detail) {
        return new ServiceException(status, code, title, detail, List.of());
    }
}
