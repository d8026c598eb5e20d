package dev.agentry.config.llm;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.ConflictException;
import dev.agentry.common.error.ServiceException;
import dev.agentry.common.limits.TokenBudget;
import dev.agentry.common.secret.SecretCipher;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.config.ConfigServiceConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
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
    /** For streamed completions: the web client reads a whole body, the core client a stream. */
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

    private record Target(TenantLlmConfig config, String apiKey, String url) {
    }

    public Uni<ChatAnswer> complete(ChatRequest request) {
        UUID tenant = caller.tenantId();
        return target(tenant)
                .flatMap(target -> call(target, request))
                .call(answer -> tokens.record(tenant, (long) answer.inputTokens() + answer.outputTokens()));
    }

    /** The month's budget checked, the tenant's model and opened key: where its completion goes. */
    private Uni<Target> target(UUID tenant) {
        return tokens.requireTokensLeft(tenant)
                .flatMap(left -> tx.inTenant(tenant, conn -> configs.find(conn, tenant)
                        .flatMap(found -> configs.sealedKey(conn, tenant).map(key -> target(tenant, found, key)))));
    }

    /** Fails as {@link #complete} would before calling the provider (409, 429); for {@link StreamPrecheck}. */
    public Uni<Void> requireCallable() {
        return target(caller.tenantId()).replaceWithVoid();
    }

    /** What a streamed completion sends: a piece of text, the whole answer at the end, or a failure midway. */
    public sealed interface Event permits Token, Done, Failed {
    }

    public record Token(String content) implements Event {
    }

    public record Done(ChatAnswer answer) implements Event {
    }

    public record Failed(int status, String code, String detail) implements Event {
    }

    /**
     * The completion streamed ({@link ProviderStream}): the item is there once the provider has
     * answered 2xx, so what fails before (no LLM, no budget left, the provider refusing or down) is
     * a failure of the Uni, an ordinary problem answer. The tokens are counted when the stream ends,
     * and also when the client goes away before (what the provider had sent by then).
     */
    public Uni<Multi<Event>> stream(ChatRequest request) {
        UUID tenant = caller.tenantId();
        return target(tenant).flatMap(target -> {
            LlmModel model = target.config().model();
            JsonObject body = body(model, request).put("stream", true)
                    .put("stream_options", new JsonObject().put("include_usage", true));
            long started = System.nanoTime();
            return ProviderStream.open(http, target.url(), target.apiKey(), body, config.llm().timeout())
                    .map(provider -> {
                        StreamedUsage usage = new StreamedUsage(request);
                        Multi<Event> pieces = provider.pieces().onItem().transformToMultiAndConcatenate(piece -> {
                            usage.add(piece);
                            return piece.content() == null || piece.content().isEmpty() ? Multi.createFrom().empty()
                                    : Multi.createFrom().item(new Token(piece.content()));
                        });
                        Multi<Event> done = Multi.createFrom().deferred(() -> Multi.createFrom().item(new Done(usage.answer(model,
                                (System.nanoTime() - started) / 1_000_000))));
                        return Multi.createBy().concatenating().streams(pieces, done)
                                .onFailure().recoverWithItem(e -> (Event) new Failed(502, "llm-error",
                                        "the LLM provider's stream failed: " + e.getMessage()))
                                .onTermination().call(() -> tokens.record(tenant, usage.total())
                                        .onFailure().recoverWithNull().replaceWithVoid())
                                .onCancellation().invoke(provider::abort);
                    });
        });
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

    /** The OpenAI-compatible request body: the tenant's model, the messages, the limits asked for. */
    private static JsonObject body(LlmModel model, ChatRequest request) {
        JsonArray messages = new JsonArray();
        request.messages().forEach(m -> messages.add(new JsonObject().put("role", m.role()).put("content", m.content())));
        JsonObject body = new JsonObject().put("model", model.modelName()).put("messages", messages);
        if (request.maxTokens() != null) {
            body.put("max_tokens", request.maxTokens());
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        return body;
    }

    private Uni<ChatAnswer> call(Target target, ChatRequest request) {
        LlmModel model = target.config().model();
        JsonObject body = body(model, request);
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

    static ServiceException problem(int status, String code, String title, String detail) {
        return new ServiceException(status, code, title, detail, List.of());
    }
}
