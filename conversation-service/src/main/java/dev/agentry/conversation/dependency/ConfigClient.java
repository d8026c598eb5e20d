package dev.agentry.conversation.dependency;

import dev.agentry.api.config.v1.MutinyAgentRuntimeGrpc;
import dev.agentry.api.config.v1.Rule;
import dev.agentry.api.config.v1.RuleMatch;
import dev.agentry.api.config.v1.RuleMatchRequest;
import dev.agentry.api.config.v1.RuntimeConfigReply;
import dev.agentry.api.config.v1.RuntimeConfigRequest;
import dev.agentry.api.config.v1.ScenarioMatch;
import dev.agentry.api.config.v1.ScenarioMatchRequest;
import dev.agentry.common.grpc.GrpcValues;
import dev.agentry.conversation.ConversationServiceConfig;
import dev.agentry.conversation.ConversationServiceConfig.Transport;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * config-service as the turn uses it: rule match and scenario match by the turn's one vector (over
 * gRPC or REST, {@code agentry.conversation.turn.transport.config}), users, and the tenant's LLM.
 */
@ApplicationScoped
public class ConfigClient {

    @Inject
    ServiceCalls calls;

    @Inject
    ServiceRpcs rpcs;

    @Inject
    ConversationServiceConfig config;

    @GrpcClient("config")
    MutinyAgentRuntimeGrpc.MutinyAgentRuntimeStub agents;

    private boolean grpc() {
        return config.turn().transport().config() == Transport.GRPC;
    }

    /** The agent's best rules for the vector; empty when config-service could not answer. */
    public Uni<Optional<List<RuleHit>>> matchRules(CallBudget budget, String authorization, UUID agentId, float[] vector, String model) {
        if (grpc()) {
            RuleMatchRequest request = RuleMatchRequest.newBuilder().setAgentId(agentId.toString())
                    .addAllEmbedding(GrpcValues.floats(vector)).setEmbeddingModel(model).setTopK(3).build();
            return rpcs.call(Dependency.CONFIG, budget, "AgentRuntime/MatchRules", deadline -> rpcs.stub(agents, authorization, deadline)
                    .matchRules(request)).map(reply -> reply.map(r -> {
                        List<RuleHit> hits = new ArrayList<>();
                        for (RuleMatch match : r.getItemsList()) {
                            Rule rule = match.getRule();
                            String action = rule.getActionConfigJson();
                            hits.add(new RuleHit(rule.getName(), rule.getActionType(),
                                    action.isEmpty() ? java.util.Map.of() : new JsonObject(action).getMap(), match.getScore()));
                        }
                        return hits;
                    }));
        }
        return calls.post(Dependency.CONFIG, budget, config.turn().configUrl() + "/v1/agents/" + agentId + "/rules/match", authorization,
                VectorBodies.of(vector, model).put("top_k", 3))
                .map(answer -> answer.map(json -> {
                    List<RuleHit> hits = new ArrayList<>();
                    for (Object item : json.getJsonArray("items", new JsonArray())) {
                        JsonObject match = (JsonObject) item;
                        JsonObject rule = match.getJsonObject("rule", new JsonObject());
                        JsonObject action = rule.getJsonObject("action_config", new JsonObject());
                        hits.add(new RuleHit(rule.getString("name"), rule.getString("action_type"), action.getMap(),
                                match.getDouble("score", 0.0)));
                    }
                    return hits;
                }));
    }

    /** The agent's best scenario for the vector; empty when config-service could not answer. */
    public Uni<Optional<List<ScenarioHit>>> matchScenarios(CallBudget budget, String authorization, UUID agentId, float[] vector, String model) {
        if (grpc()) {
            ScenarioMatchRequest request = ScenarioMatchRequest.newBuilder().setAgentId(agentId.toString())
                    .addAllEmbedding(GrpcValues.floats(vector)).setEmbeddingModel(model).setTopK(1).build();
            return rpcs.call(Dependency.CONFIG, budget, "AgentRuntime/MatchScenarios", deadline -> rpcs.stub(agents, authorization, deadline)
                    .matchScenarios(request)).map(reply -> reply.map(r -> {
                        List<ScenarioHit> hits = new ArrayList<>();
                        for (ScenarioMatch match : r.getItemsList()) {
                            hits.add(new ScenarioHit(UUID.fromString(match.getScenarioId()), match.getName(), match.getVersion(),
                                    GrpcValues.text(match.getEntryStepId()), match.getScore()));
                        }
                        return hits;
                    }));
        }
        return calls.post(Dependency.CONFIG, budget, config.turn().configUrl() + "/v1/agents/" + agentId + "/scenarios/match", authorization,
                VectorBodies.of(vector, model).put("top_k", 1))
                .map(answer -> answer.map(json -> {
                    List<ScenarioHit> hits = new ArrayList<>();
                    for (Object item : json.getJsonArray("items", new JsonArray())) {
                        JsonObject match = (JsonObject) item;
                        hits.add(new ScenarioHit(UUID.fromString(match.getString("scenario_id")), match.getString("name"),
                                match.getInteger("version", 1), match.getString("entry_step_id"), match.getDouble("score", 0.0)));
                    }
                    return hits;
                }));
    }

    /**
     * The agent's runtime config over gRPC: not modified when config-service's generation is still
     * {@code knownGeneration}, else the document (REST's JSON) and its generation; empty when
     * config-service could not answer. REST's twin is {@code RuntimeConfigs}' GET.
     */
    public Uni<Optional<RuntimeConfigReply>> runtimeConfig(CallBudget budget, String authorization, UUID agentId, String knownGeneration) {
        RuntimeConfigRequest request = RuntimeConfigRequest.newBuilder().setAgentId(agentId.toString())
                .setKnownGeneration(knownGeneration == null ? "" : knownGeneration).build();
        return rpcs.call(Dependency.CONFIG, budget, "AgentRuntime/GetRuntimeConfig",
                deadline -> rpcs.stub(agents, authorization, deadline).getRuntimeConfig(request));
    }

    /** Whether the runtime config travels over gRPC. */
    public boolean runtimeConfigOverGrpc() {
        return grpc();
    }

    /**
     * Whether {@code userId} is a user of the caller's tenant: present and true or false when
     * config-service said so, empty when it could not be asked.
     */
    public Uni<Optional<Boolean>> userExists(CallBudget budget, String authorization, UUID userId) {
        return calls.status(Dependency.CONFIG, budget, config.turn().configUrl() + "/v1/users/" + userId, authorization).map(status -> switch (status) {
            case 200 -> Optional.of(true);
            case 404 -> Optional.of(false);
            default -> Optional.empty();
        });
    }

    /** What the tenant's LLM wrote, with its token counts and their price by the model registry (null: not priced). */
    public record Completion(String content, String model, int inputTokens, int outputTokens, Double costUsd) {
    }

    /** Whether an LLM answered, the tenant has none (409), or it could not answer (down, slow, an error). */
    public record LlmOutcome(Completion completion, boolean notConfigured) {

        public boolean failed() {
            return completion == null && !notConfigured;
        }
    }

    /**
     * A chat completion with the tenant's own LLM, streamed: each piece of its text to
     * {@code onToken} as config-service relays it, then the whole answer as {@link #complete} gives
     * it. The turn's deadline bounds the wait for the first piece; {@code timeout}, each next one.
     */
    public Uni<LlmOutcome> stream(CallBudget budget, String authorization, JsonArray messages, int maxTokens, java.time.Duration timeout,
            java.util.function.Consumer<String> onToken) {
        JsonObject body = new JsonObject().put("messages", messages).put("max_tokens", maxTokens).put("temperature", 0.2);
        return calls.events(Dependency.LLM, budget, config.turn().configUrl() + "/v1/llm/chat-completions", authorization, body, timeout,
                event -> {
                    if (event.name().equals("token")) {
                        onToken.accept(event.data().getString("content", ""));
                    }
                }).map(ConfigClient::outcome);
    }

    /** A chat completion with the tenant's own LLM (config-service holds its key and model). */
    public Uni<LlmOutcome> complete(CallBudget budget, String authorization, JsonArray messages, int maxTokens, java.time.Duration timeout) {
        JsonObject body = new JsonObject().put("messages", messages).put("max_tokens", maxTokens).put("temperature", 0.2);
        return calls.exchange(Dependency.LLM, budget, config.turn().configUrl() + "/v1/llm/chat-completions", authorization, body, timeout)
                .map(ConfigClient::outcome);
    }

    /** 409: the tenant has no LLM; 200 with the answer (or a stream's {@code done} summary): its completion; else it failed. */
    private static LlmOutcome outcome(Optional<ServiceCalls.Answer> answer) {
        if (answer.isPresent() && answer.get().status() == 409) {
            return new LlmOutcome(null, true);
        }
        if (answer.isEmpty() || answer.get().status() != 200 || answer.get().body() == null) {
            return new LlmOutcome(null, false);
        }
        JsonObject json = answer.get().body();
        return new LlmOutcome(new Completion(json.getString("content", ""), json.getString("model"),
                json.getInteger("input_tokens", 0), json.getInteger("output_tokens", 0), json.getDouble("cost_usd")), false);
    }
}
