package dev.agentry.memory.grpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.api.memory.v1.EpisodeSearchReply;
import dev.agentry.api.memory.v1.EpisodeSearchRequest;
import dev.agentry.api.memory.v1.Episodes;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.grpc.GrpcCalls;
import dev.agentry.common.grpc.GrpcValues;
import dev.agentry.common.tenant.Roles;
import dev.agentry.memory.episode.Episode;
import dev.agentry.memory.episode.EpisodeHit;
import dev.agentry.memory.episode.EpisodeSearch;
import dev.agentry.memory.episode.EpisodeSearchResult;
import dev.agentry.memory.episode.EpisodeService;
import dev.agentry.memory.episode.EpisodeType;
import dev.agentry.memory.search.HitScores;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code agentry.memory.v1.Episodes} (memory-api): the search of {@code POST /v1/episodes/search}
 * over gRPC, through the same {@link EpisodeService}, with the same roles. Only the mapping between
 * messages and records lives here.
 */
@GrpcService
public class EpisodesGrpcService implements Episodes {

    @Inject
    GrpcCalls calls;

    @Inject
    EpisodeService episodes;

    // Agentry's configured mapper, so that metadata reads as it does in a REST answer.
    @Inject
    ObjectMapper json;

    @Override
    @RolesAllowed(Roles.VIEWER)
    public Uni<EpisodeSearchReply> search(EpisodeSearchRequest request) {
        return calls.asTenant(() -> episodes.search(calls.valid(episodeSearch(request)))).map(this::reply);
    }

    private static EpisodeSearch episodeSearch(EpisodeSearchRequest request) {
        return new EpisodeSearch(GrpcValues.text(request.getQuery()), GrpcValues.vector(request.getEmbeddingList()),
                GrpcValues.text(request.getEmbeddingModel()), GrpcValues.mode(request.getModeValue()),
                GrpcValues.strategy(request.getStrategyValue()), request.hasLimit() ? request.getLimit() : null,
                GrpcValues.uuid("agent_id", request.getAgentId()),
                GrpcValues.uuid("customer_profile_id", request.getCustomerProfileId()),
                GrpcValues.uuid("session_id", request.getSessionId()), GrpcValues.uuid("group_id", request.getGroupId()),
                types(request.getTypesList()), GrpcValues.instant("as_of", request.getAsOf()),
                GrpcValues.instant("known_at", request.getKnownAt()), GrpcValues.text(request.getLanguage()),
                request.hasRecencyWeight() ? request.getRecencyWeight() : null,
                request.hasImportanceWeight() ? request.getImportanceWeight() : null);
    }

    /**
     * The types as REST reads them (its JSON reads enums without regard to case); an unknown one is
     * refused naming its place in the list, as REST's 400 does ({@code types[1]}). None: no filter.
     */
    private static List<EpisodeType> types(List<String> names) {
        if (names.isEmpty()) {
            return null;
        }
        List<EpisodeType> types = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            try {
                types.add(EpisodeType.valueOf(names.get(i).toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ValidationException("types[" + i + "]", "must be one of " + Arrays.stream(EpisodeType.values())
                        .map(EpisodesGrpcService::word).toList());
            }
        }
        return types;
    }

    private EpisodeSearchReply reply(EpisodeSearchResult result) {
        EpisodeSearchReply.Builder reply = EpisodeSearchReply.newBuilder()
                .setModeValue(GrpcValues.modeNumber(result.mode()))
                .setStrategyValue(GrpcValues.strategyNumber(result.strategy()))
                .setEmbeddingModel(GrpcValues.wire(result.embeddingModel()))
                .setAsOf(GrpcValues.wire(result.asOf()));
        for (EpisodeHit hit : result.items()) {
            reply.addItems(hit(hit));
        }
        return reply.build();
    }

    private dev.agentry.api.memory.v1.EpisodeHit hit(EpisodeHit hit) {
        HitScores scores = hit.scores();
        dev.agentry.api.memory.v1.EpisodeHit.Builder out = dev.agentry.api.memory.v1.EpisodeHit.newBuilder()
                .setEpisode(episode(hit.episode()))
                .setScore(scores.score())
                .setRecency(scores.recency())
                .setImportance(scores.importance());
        // Unset, not 0, for a ranking the hit was not in: REST's null.
        if (scores.vectorRank() != null) {
            out.setVectorRank(scores.vectorRank());
        }
        if (scores.vectorSimilarity() != null) {
            out.setVectorSimilarity(scores.vectorSimilarity());
        }
        if (scores.textRank() != null) {
            out.setTextRank(scores.textRank());
        }
        if (scores.textScore() != null) {
            out.setTextScore(scores.textScore());
        }
        return out.build();
    }

    private dev.agentry.api.memory.v1.Episode episode(Episode episode) {
        return dev.agentry.api.memory.v1.Episode.newBuilder()
                .setId(episode.id().toString())
                .setAgentId(GrpcValues.wire(episode.agentId()))
                .setCustomerProfileId(GrpcValues.wire(episode.customerProfileId()))
                .setSessionId(GrpcValues.wire(episode.sessionId()))
                .setGroupId(GrpcValues.wire(episode.groupId()))
                .setEpisodeType(word(episode.episodeType()))
                .setContent(GrpcValues.wire(episode.content()))
                .setLanguage(GrpcValues.wire(episode.language()))
                .setEmbeddingModel(GrpcValues.wire(episode.embeddingModel()))
                .setImportance(episode.importance())
                .setValidFrom(GrpcValues.wire(episode.validFrom()))
                .setValidTo(GrpcValues.wire(episode.validTo()))
                .setRecordedAt(GrpcValues.wire(episode.recordedAt()))
                .setMetadataJson(metadata(episode.metadata()))
                .setUpdatedAt(GrpcValues.wire(episode.updatedAt()))
                .build();
    }

    /** An episode type as REST writes it: lower case. */
    private static String word(EpisodeType type) {
        return type == null ? "" : type.name().toLowerCase(Locale.ROOT);
    }

    private String metadata(Map<String, Object> metadata) {
        try {
            return json.writeValueAsString(metadata == null ? Map.of() : metadata);
        } catch (JsonProcessingException e) {
            // Metadata was read from a jsonb column: it always writes; if not, the call fails as a 500.
            throw new IllegalStateException("episode metadata not writable as JSON", e);
        }
    }
}
