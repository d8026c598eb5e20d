package dev.agentry.conversation.dependency;

import dev.agentry.api.catalog.v1.FaqHit;
import dev.agentry.api.catalog.v1.FaqSearchRequest;
import dev.agentry.api.catalog.v1.MutinyCatalogSearchGrpc;
import dev.agentry.api.catalog.v1.OfferingHit;
import dev.agentry.api.catalog.v1.OfferingSearchRequest;
import dev.agentry.api.catalog.v1.SearchMode;
import dev.agentry.common.grpc.GrpcValues;
import dev.agentry.conversation.ConversationServiceConfig;
import dev.agentry.conversation.ConversationServiceConfig.Transport;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** catalog-service as the turn uses it: the agent's bot and version, its FAQ, the tenant's guardrails, the semantic cache. */
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
    ServiceRpcs rpcs;

    @Inject
    ConversationServiceConfig config;

    @GrpcClient("catalog")
    MutinyCatalogSearchGrpc.MutinyCatalogSearchStub search;

    /** Whether offering and FAQ search travel over gRPC ({@code agentry.conversation.turn.transport.catalog}). */
    private boolean grpc() {
        return config.turn().transport().catalog() == Transport.GRPC;
    }

    /** The guardrails' verdict on {@code text} ({@code input} or {@code output}); empty when catalog-service could not answer. */
    public Uni<Optional<Verdict>> guard(CallBudget budget, String authorization, String text, String direction, String channel,
            Map<String, Object> sessionVariables) {
        JsonObject body = new JsonObject().put("message", text).put("direction", direction).put("channel", channel)
                .put("session_variables", new JsonObject(sessionVariables == null ? Map.of() : sessionVariables));
        return calls.post(Dependency.CATALOG, budget, config.turn().catalogUrl() + "/v1/guardrails/evaluate", authorization, body).map(answer -> answer.map(json -> {
            java.util.List<String> fired = new java.util.ArrayList<>();
            json.getJsonArray("fired", new io.vertx.core.json.JsonArray()).forEach(f -> fired.add(((JsonObject) f).getString("code")));
            return new Verdict(json.getString("outcome", "allow"), json.getString("text", text), fired);
        }));
    }

    /** The cached answer for the turn's vector in the bot version's scope (null: no bot), if one is near enough; empty when catalog-service could not answer. */
    public Uni<Optional<Optional<String>>> cached(CallBudget budget, String authorization, float[] vector, String model, UUID botVersionId,
            String language) {
        return calls.post(Dependency.CATALOG, budget, config.turn().catalogUrl() + "/v1/semantic-cache/lookup", authorization, VectorBodies.of(vector, model)
                .put("bot_version_id", botVersionId == null ? null : botVersionId.toString()).put("language", language))
                .map(answer -> answer.map(json -> json.getBoolean("hit", false)
                        ? Optional.ofNullable(json.getJsonObject("entry", new JsonObject()).getString("answer"))
                        : Optional.<String> empty()));
    }

    /** Keeps an LLM's answer for the next question near enough to this one; whether catalog-service took it. */
    public Uni<Boolean> remember(CallBudget budget, String authorization, String question, String answer, float[] vector, String model,
            UUID botVersionId, String language) {
        JsonObject body = VectorBodies.of(vector, model).put("question", question).put("answer", answer)
                .put("bot_version_id", botVersionId == null ? null : botVersionId.toString()).put("language", language);
        return calls.post(Dependency.CATALOG, budget, config.turn().catalogUrl() + "/v1/semantic-cache", authorization, body).map(Optional::isPresent);
    }

    /** The bot fronting an agent and the version that answers a session (catalog-service's stable split). */
    public record BotScope(UUID botId, UUID versionId) {
    }

    /** An offering near the message (catalog-service's hybrid search): what the LLM may mention. */
    public record Offering(UUID offeringId, String name, String description, double score, Double vectorSimilarity) {
    }

    /**
     * The tenant's active offerings nearest the message (hybrid: its words, accent-insensitive, and
     * the turn's vector); empty when catalog-service could not answer.
     */
    public Uni<Optional<java.util.List<Offering>>> offerings(CallBudget budget, String authorization, String message, float[] vector, String model) {
        String query = message.length() > 1000 ? message.substring(0, 1000) : message;
        if (grpc()) {
            OfferingSearchRequest request = OfferingSearchRequest.newBuilder().setQuery(query).addAllEmbedding(GrpcValues.floats(vector))
                    .setEmbeddingModel(model).setMode(SearchMode.SEARCH_MODE_HYBRID).setLimit(3).build();
            return rpcs.call(Dependency.CATALOG, budget, "CatalogSearch/SearchOfferings", deadline -> rpcs.stub(search, authorization, deadline)
                    .searchOfferings(request)).map(reply -> reply.map(r -> {
                        java.util.List<Offering> hits = new java.util.ArrayList<>();
                        for (OfferingHit hit : r.getHitsList()) {
                            hits.add(new Offering(UUID.fromString(hit.getOfferingId()), hit.getName(), GrpcValues.text(hit.getDescription()),
                                    hit.getScore(), hit.hasVectorSimilarity() ? hit.getVectorSimilarity() : null));
                        }
                        return hits;
                    }));
        }
        JsonObject body = VectorBodies.of(vector, model).put("query", query)
                .put("mode", "hybrid").put("limit", 3);
        return calls.post(Dependency.CATALOG, budget, config.turn().catalogUrl() + "/v1/offerings/search", authorization, body).map(answer -> answer.map(json -> {
            java.util.List<Offering> hits = new java.util.ArrayList<>();
            for (Object item : json.getJsonArray("hits", new io.vertx.core.json.JsonArray())) {
                JsonObject hit = (JsonObject) item;
                hits.add(new Offering(UUID.fromString(hit.getString("offering_id")), hit.getString("name"), hit.getString("description"),
                        hit.getDouble("score", 0.0), hit.getDouble("vector_similarity")));
            }
            return hits;
        }));
    }

    /** An FAQ entry near the message, with its cosine similarity. */
    public record FaqAnswer(UUID faqId, String question, String answer, double similarity) {
    }

    /**
     * The agent's active bot and the version answering this session: present with the scope, present
     * and empty when the agent has no active bot, empty when catalog-service could not answer.
     */
    public Uni<Optional<Optional<BotScope>>> botOf(CallBudget budget, String authorization, UUID agentId, UUID sessionId) {
        String base = config.turn().catalogUrl();
        return calls.get(Dependency.CATALOG, budget, base + "/v1/bots?status=active&limit=1&agent_id=" + agentId, authorization).flatMap(page -> {
            if (page.isEmpty()) {
                return Uni.createFrom().item(Optional.<Optional<BotScope>> empty());
            }
            io.vertx.core.json.JsonArray items = page.get().getJsonArray("items", new io.vertx.core.json.JsonArray());
            if (items.isEmpty()) {
                return Uni.createFrom().item(Optional.of(Optional.<BotScope> empty()));
            }
            UUID botId = UUID.fromString(items.getJsonObject(0).getString("id"));
            return calls.get(Dependency.CATALOG, budget, base + "/v1/bots/" + botId + "/version-for-session/" + sessionId, authorization)
                    .map(version -> version.map(v -> Optional.of(new BotScope(botId, UUID.fromString(v.getString("version_id"))))));
        });
    }

    /** The bot's FAQ (and the tenant's bot-less entries) nearest the turn's vector; empty when catalog-service could not answer. */
    public Uni<Optional<java.util.List<FaqAnswer>>> faq(CallBudget budget, String authorization, UUID botId, float[] vector, String model) {
        if (grpc()) {
            FaqSearchRequest request = FaqSearchRequest.newBuilder().setBotId(botId.toString()).addAllEmbedding(GrpcValues.floats(vector))
                    .setEmbeddingModel(model).setLimit(3).build();
            return rpcs.call(Dependency.CATALOG, budget, "CatalogSearch/SearchFaq", deadline -> rpcs.stub(search, authorization, deadline)
                    .searchFaq(request)).map(reply -> reply.map(r -> {
                        java.util.List<FaqAnswer> hits = new java.util.ArrayList<>();
                        for (FaqHit hit : r.getHitsList()) {
                            hits.add(new FaqAnswer(UUID.fromString(hit.getId()), hit.getQuestion(), hit.getAnswer(), hit.getVectorSimilarity()));
                        }
                        return hits;
                    }));
        }
        return calls.post(Dependency.CATALOG, budget, config.turn().catalogUrl() + "/v1/bots/" + botId + "/faq/search", authorization,
                VectorBodies.of(vector, model).put("limit", 3)).map(answer -> answer.map(json -> {
                    java.util.List<FaqAnswer> hits = new java.util.ArrayList<>();
                    for (Object item : json.getJsonArray("hits", new io.vertx.core.json.JsonArray())) {
                        JsonObject hit = (JsonObject) item;
                        hits.add(new FaqAnswer(UUID.fromString(hit.getString("id")), hit.getString("question"), hit.getString("answer"),
                                hit.getDouble("vector_similarity", 0.0)));
                    }
                    return hits;
                }));
    }
}
