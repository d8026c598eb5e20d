package dev.agentry.conversation.dependency;

import dev.agentry.conversation.ConversationServiceConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;

/** catalog-service as the turn uses it: the tenant's guardrails on a text, and the semantic cache. */
@ApplicationScoped
public class CatalogClient {

    /** What the guardrails made of a text: {@code block}, {@code redact}, {@code warn} or {@code allow}, the text to use, and the codes that fired. */
    public record Verdict(String outcome, String text, java.util.List<String> fired) {

        public boolean blocked() {
            return "block".equals(outcome);
        }
    }

    @Inject
    ServiceCalls calls;

    @Inject
    ConversationServiceConfig config;

    /** The guardrails' verdict on {@code text} ({@code input} or {@code output}); empty when catalog-service could not answer. */
    public Uni<Optional<Verdict>> guard(String authorization, String text, String direction, String channel,
            Map<String, Object> sessionVariables) {
        JsonObject body = new JsonObject().put("message", text).put("direction", direction).put("channel", channel)
                .put("session_variables", new JsonObject(sessionVariables == null ? Map.of() : sessionVariables));
        return calls.post(config.turn().catalogUrl() + "/v1/guardrails/evaluate", authorization, body).map(answer -> answer.map(json -> {
            java.util.List<String> fired = new java.util.ArrayList<>();
            json.getJsonArray("fired", new io.vertx.core.json.JsonArray()).forEach(f -> fired.add(((JsonObject) f).getString("code")));
            return new Verdict(json.getString("outcome", "allow"), json.getString("text", text), fired);
        }));
    }

    /** The cached answer for the turn's vector in the scope of no bot, if one is near enough; empty when catalog-service could not answer. */
    public Uni<Optional<Optional<String>>> cached(String authorization, float[] vector, String model) {
        return calls.post(config.turn().catalogUrl() + "/v1/semantic-cache/lookup", authorization, VectorBodies.of(vector, model))
                .map(answer -> answer.map(json -> json.getBoolean("hit", false)
                        ? Optional.ofNullable(json.getJsonObject("entry", new JsonObject()).getString("answer"))
                        : Optional.<String> empty()));
    }

    /** Keeps an LLM's answer for the next question near enough to this one; whether catalog-service took it. */
    public Uni<Boolean> remember(String authorization, String question, String answer, float[] vector, String model) {
        JsonObject body = VectorBodies.of(vector, model).put("question", question).put("answer", answer);
        return calls.post(config.turn().catalogUrl() + "/v1/semantic-cache", authorization, body).map(Optional::isPresent);
    }
}
