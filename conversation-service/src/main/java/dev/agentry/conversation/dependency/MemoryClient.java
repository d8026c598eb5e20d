package dev.agentry.conversation.dependency;

import dev.agentry.api.memory.v1.EpisodeHit;
import dev.agentry.api.memory.v1.EpisodeSearchRequest;
import dev.agentry.api.memory.v1.MutinyEpisodesGrpc;
import dev.agentry.api.memory.v1.SearchMode;
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
 * memory-service as the turn uses it: the customer's memories by the turn's vector (over gRPC or
 * REST, {@code agentry.conversation.turn.transport.memory}), the turn's own episode, knowledge.
 */
@ApplicationScoped
public class MemoryClient {

    @Inject
    ServiceCalls calls;

    @Inject
    ServiceRpcs rpcs;

    @GrpcClient("memory")
    MutinyEpisodesGrpc.MutinyEpisodesStub episodes;

    @Inject
    ConversationServiceConfig config;

    /** The customer's closest episodes; empty when memory-service could not answer. */
    public Uni<Optional<List<MemoryHit>>> search(CallBudget budget, String authorization, UUID customerProfileId, float[] vector, String model) {
        if (config.turn().transport().memory() == Transport.GRPC) {
            EpisodeSearchRequest request = EpisodeSearchRequest.newBuilder().addAllEmbedding(GrpcValues.floats(vector))
                    .setEmbeddingModel(model).setMode(SearchMode.SEARCH_MODE_VECTOR).setLimit(config.turn().memories())
                    .setCustomerProfileId(customerProfileId.toString()).build();
            return rpcs.call(Dependency.MEMORY, budget, "Episodes/Search", deadline -> rpcs.stub(episodes, authorization, deadline)
                    .search(request)).map(reply -> reply.map(r -> {
                        List<MemoryHit> hits = new ArrayList<>();
                        for (EpisodeHit hit : r.getItemsList()) {
                            hits.add(new MemoryHit(UUID.fromString(hit.getEpisode().getId()), hit.getEpisode().getContent(),
                                    hit.hasVectorSimilarity() ? hit.getVectorSimilarity() : 0.0));
                        }
                        return hits;
                    }));
        }
        JsonObject body = VectorBodies.of(vector, model).put("mode", "vector").put("limit", config.turn().memories())
                .put("customer_profile_id", customerProfileId.toString());
        return calls.post(Dependency.MEMORY, budget, config.turn().memoryUrl() + "/v1/episodes/search", authorization, body)
                .map(answer -> answer.map(json -> {
                    List<MemoryHit> hits = new ArrayList<>();
                    for (Object item : json.getJsonArray("items", new JsonArray())) {
                        JsonObject hit = (JsonObject) item;
                        JsonObject episode = hit.getJsonObject("episode", new JsonObject());
                        hits.add(new MemoryHit(UUID.fromString(episode.getString("id")), episode.getString("content"),
                                hit.getDouble("vector_similarity", 0.0)));
                    }
                    return hits;
                }));
    }

    /** Records the turn as a {@code turn} episode of the customer; whether memory-service took it. */
    public Uni<Boolean> recordTurn(CallBudget budget, String authorization, UUID agentId, UUID customerProfileId, UUID sessionId, String content,
            float[] vector, String model) {
        JsonObject body = VectorBodies.of(vector, model).put("agent_id", agentId.toString())
                .put("customer_profile_id", customerProfileId.toString()).put("session_id", sessionId.toString())
                .put("episode_type", "turn").put("content", content);
        return calls.post(Dependency.MEMORY, budget, config.turn().memoryUrl() + "/v1/episodes", authorization, body).map(Optional::isPresent);
    }

    /**
     * The best current chunks of a knowledge collection for {@code query} (memory-service embeds
     * it), each with its cosine {@code vector_similarity}; empty when memory-service could not
     * answer. Vector mode: the support desk's threshold is a similarity, not a fused rank.
     */
    public Uni<Optional<List<KnowledgeHit>>> searchKnowledge(CallBudget budget, String authorization, UUID collectionId, String query, int limit) {
        JsonObject body = new JsonObject().put("query", query).put("mode", "vector").put("limit", limit);
        return calls.post(Dependency.MEMORY, budget, config.turn().memoryUrl() + "/v1/collections/" + collectionId + "/search", authorization, body)
                .map(answer -> answer.map(json -> {
                    List<KnowledgeHit> hits = new ArrayList<>();
                    for (Object item : json.getJsonArray("items", new JsonArray())) {
                        JsonObject hit = (JsonObject) item;
                        JsonObject chunk = hit.getJsonObject("chunk", new JsonObject());
                        JsonObject source = hit.getJsonObject("source", new JsonObject());
                        hits.add(new KnowledgeHit(UUID.fromString(chunk.getString("id")), chunk.getString("content", ""),
                                source.getString("title"), hit.getInteger("page"), hit.getString("heading"),
                                hit.getDouble("vector_similarity", 0.0)));
                    }
                    return hits;
                }));
    }

    /** Whether the caller's tenant has knowledge collection {@code id}; empty when memory-service could not be asked. */
    public Uni<Optional<Boolean>> collectionExists(CallBudget budget, String authorization, UUID id) {
        return calls.status(Dependency.MEMORY, budget, config.turn().memoryUrl() + "/v1/collections/" + id, authorization).map(status -> switch (status) {
            case 200 -> Optional.of(true);
            case 404 -> Optional.of(false);
            default -> Optional.empty();
        });
    }
}
