package dev.agentry.memory.grpc;

import static dev.agentry.common.testing.GrpcTestCalls.as;
import static dev.agentry.common.testing.GrpcTestCalls.forged;
import static dev.agentry.common.testing.GrpcTestCalls.problem;
import static dev.agentry.common.testing.GrpcTestCalls.refused;
import static dev.agentry.memory.MemoryTestSupport.body;
import static dev.agentry.memory.MemoryTestSupport.runtime;
import static dev.agentry.memory.MemoryTestSupport.unitVector;
import static dev.agentry.memory.MemoryTestSupport.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.api.memory.v1.Episode;
import dev.agentry.api.memory.v1.EpisodeHit;
import dev.agentry.api.memory.v1.EpisodeSearchReply;
import dev.agentry.api.memory.v1.EpisodeSearchRequest;
import dev.agentry.api.memory.v1.EpisodesGrpc;
import dev.agentry.api.memory.v1.SearchMode;
import dev.agentry.api.memory.v1.SearchStrategy;
import dev.agentry.common.embedding.EmbeddingProvider;
import dev.agentry.common.grpc.GrpcValues;
import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.GrpcTestCalls;
import dev.agentry.common.testing.TestTokens;
import dev.agentry.common.testing.TwoTenantTest;
import dev.agentry.memory.MemoryTestSupport;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code agentry.memory.v1.Episodes/Search} as a client generated from memory-api calls it, on the
 * HTTP port: the same hits, order and scores as {@code POST /v1/episodes/search} for the same input,
 * the same filters, token checks and refusals (naming the same field), and another tenant finds
 * none of A's episodes.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class EpisodesGrpcServiceTest extends TwoTenantTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final UUID AGENT = UUID.randomUUID();
    static final UUID CUSTOMER = UUID.randomUUID();
    static final UUID SESSION = UUID.randomUUID();
    static final UUID GROUP = UUID.randomUUID();
    static final String METADATA = "{\"source\":\"crm\",\"tries\":2,\"tags\":[\"preference\"]}";

    /** Fact, turn and summary lean less and less towards axis 3; the event lies along axis 4. */
    static UUID tenant;
    static String fact;
    static String turn;
    static String summary;
    static String event;

    @Inject
    EmbeddingProvider embeddings;

    private ManagedChannel channel;

    @Override
    protected String schema() {
        return "memory";
    }

    /** A vector of the deployment's width along {@code axis}, leaning {@code lean} towards another axis. */
    static float[] leaning(int axis, float lean) {
        float[] v = unitVector(axis);
        v[100] = lean;
        return v;
    }

    /** Four episodes with ready vectors of the deployment's model, once per class, in tenant A. */
    @BeforeEach
    void episodes() throws JsonProcessingException {
        channel = GrpcTestCalls.channel();
        if (tenantA.equals(tenant)) {
            return;
        }
        tenant = tenantA;
        String model = embeddings.model();
        Map<String, Object> factEpisode = body("agent_id", AGENT, "customer_profile_id", CUSTOMER, "episode_type", "fact",
                "content", "The customer prefers e-mail to phone calls.", "embedding", leaning(3, 0.1f), "embedding_model",
                model, "importance", 0.9, "metadata", JSON.readValue(METADATA, Map.class));
        Map<String, Object> turnEpisode = body("agent_id", AGENT, "customer_profile_id", CUSTOMER, "session_id", SESSION,
                "group_id", GROUP, "episode_type", "turn", "content", "I would like to change my delivery address.",
                "language", "en", "embedding", leaning(3, 0.4f), "embedding_model", model, "valid_to", "2099-01-01T00:00:00Z");
        Map<String, Object> summaryEpisode = body("agent_id", AGENT, "episode_type", "summary",
                "content", "The customer asked when the Lyon store opens.", "embedding", leaning(3, 0.8f),
                "embedding_model", model, "importance", 0.1);
        Map<String, Object> eventEpisode = body("agent_id", AGENT, "customer_profile_id", UUID.randomUUID(),
                "episode_type", "event", "content", "Refund of order 88213 issued.", "embedding", leaning(4, 0.1f),
                "embedding_model", model);
        List<String> ids = MemoryTestSupport.as(runtime(tenant))
                .body(Map.of("episodes", List.of(factEpisode, turnEpisode, summaryEpisode, eventEpisode)))
                .post("/v1/episodes/bulk").then().statusCode(201).extract().path("ids");
        fact = ids.get(0);
        turn = ids.get(1);
        summary = ids.get(2);
        event = ids.get(3);
    }

    @AfterEach
    void close() throws InterruptedException {
        GrpcTestCalls.close(channel);
    }

    private EpisodesGrpc.EpisodesBlockingStub episodes(String token) {
        return as(EpisodesGrpc.newBlockingStub(channel), token);
    }

    private EpisodeSearchRequest.Builder alongAxis3() {
        return EpisodeSearchRequest.newBuilder().addAllEmbedding(GrpcValues.floats(unitVector(3)))
                .setEmbeddingModel(embeddings.model()).setMode(SearchMode.SEARCH_MODE_VECTOR);
    }

    private Map<String, Object> alongAxis3Rest() {
        return new HashMap<>(Map.of("embedding", unitVector(3), "embedding_model", embeddings.model(), "mode", "vector"));
    }

    private static JsonNode rest(String token, Map<String, Object> search) {
        String answer = MemoryTestSupport.as(token).body(search).post("/v1/episodes/search").then().statusCode(200)
                .extract().asString();
        try {
            return JSON.readTree(answer);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the REST answer is not JSON: " + answer, e);
        }
    }

    private static List<String> ids(EpisodeSearchReply reply) {
        return reply.getItemsList().stream().map(hit -> hit.getEpisode().getId()).toList();
    }

    @Test
    void aVectorSearchAnswersWhatRestAnswers() {
        EpisodeSearchRequest request = alongAxis3().setLimit(3).setRecencyWeight(0).setImportanceWeight(0.3)
                .setAsOf("2030-01-01T00:00:00Z").build();
        EpisodeSearchReply reply = episodes(viewer(tenantA)).search(request);
        // The importance weight lifts the event (0.5) over the summary (0.1): the weights were passed.
        assertEquals(List.of(fact, turn, event), ids(reply));
        assertEquals(SearchMode.SEARCH_MODE_VECTOR, reply.getMode());
        assertEquals(SearchStrategy.SEARCH_STRATEGY_EXACT, reply.getStrategy());
        assertEquals(embeddings.model(), reply.getEmbeddingModel());

        Map<String, Object> same = alongAxis3Rest();
        same.putAll(Map.of("limit", 3, "recency_weight", 0, "importance_weight", 0.3, "as_of", "2030-01-01T00:00:00Z"));
        // No recency in the score: both answers are computed from the same rows alike, to the last bit.
        assertSameAsRest(rest(viewer(tenantA), same), reply, 0);

        Episode first = reply.getItems(0).getEpisode();
        assertEquals("fact", first.getEpisodeType());
        assertEquals(CUSTOMER.toString(), first.getCustomerProfileId());
        assertEquals("", first.getSessionId(), "no session is the empty string");
        assertEquals("", first.getValidTo());
        assertEquals(0.9, first.getImportance());
        assertEquals(json(METADATA), json(first.getMetadataJson()));
        assertEquals("2099-01-01T00:00:00Z", reply.getItems(1).getEpisode().getValidTo());
        assertFalse(reply.getItems(0).hasTextRank(), "vector mode runs no text ranking");
        assertEquals(1, reply.getItems(0).getVectorRank());

        // The index strategy when asked.
        EpisodeSearchReply indexed = episodes(viewer(tenantA)).search(alongAxis3().setStrategy(SearchStrategy.SEARCH_STRATEGY_INDEX)
                .build());
        assertEquals(SearchStrategy.SEARCH_STRATEGY_INDEX, indexed.getStrategy());
        assertEquals(fact, ids(indexed).get(0));
    }

    @Test
    void aHybridSearchWithAQueryAnswersWhatRestAnswers() {
        // agent-runtime implies viewer, as on REST.
        EpisodeSearchReply reply = episodes(runtime(tenantA))
                .search(EpisodeSearchRequest.newBuilder().setQuery("change my delivery address").build());
        assertEquals(SearchMode.SEARCH_MODE_HYBRID, reply.getMode());
        assertEquals(4, reply.getItemsCount(), "unset limit: the service's default, not 0");
        EpisodeHit best = reply.getItems(0);
        assertEquals(turn, best.getEpisode().getId());
        assertEquals(1, best.getTextRank());
        assertTrue(best.getTextScore() > 0);
        assertTrue(best.hasVectorRank());
        for (EpisodeHit hit : reply.getItemsList()) {
            assertEquals(hit.hasTextRank(), hit.hasTextScore(), "a hit outside the text ranking has neither part");
        }
        // The score's recency part ages between the two calls: 0.002 x 2.7e-7 a second at a 30-day half-life.
        assertSameAsRest(rest(runtime(tenantA), Map.of("query", "change my delivery address")), reply, 1e-8);

        EpisodeSearchReply text = episodes(viewer(tenantA)).search(EpisodeSearchRequest.newBuilder()
                .setQuery("change my delivery address").setMode(SearchMode.SEARCH_MODE_TEXT).build());
        assertEquals(List.of(turn), ids(text));
        assertEquals(SearchStrategy.SEARCH_STRATEGY_UNSPECIFIED, text.getStrategy(), "text mode runs no vector plan");
        assertEquals("", text.getEmbeddingModel());
        assertFalse(text.getItems(0).hasVectorRank());
        assertFalse(text.getItems(0).hasVectorSimilarity());
    }

    @Test
    void anotherTenantFindsNoneOfTheseEpisodes() {
        assertEquals(4, episodes(viewer(tenantA)).search(alongAxis3().build()).getItemsCount());
        assertEquals(List.of(), episodes(viewer(tenantB)).search(alongAxis3().build()).getItemsList());
        assertEquals(List.of(), episodes(viewer(tenantB)).search(alongAxis3()
                .setStrategy(SearchStrategy.SEARCH_STRATEGY_INDEX).build()).getItemsList());
        assertEquals(List.of(), episodes(viewer(tenantB)).search(EpisodeSearchRequest.newBuilder()
                .setQuery("change my delivery address").build()).getItemsList());
        // As REST answers B.
        assertEquals(0, rest(viewer(tenantB), alongAxis3Rest()).get("items").size());
    }

    @Test
    void filtersNarrowTheHits() {
        String token = viewer(tenantA);
        EpisodeSearchReply customer = episodes(token).search(alongAxis3().setCustomerProfileId(CUSTOMER.toString()).build());
        assertEquals(List.of(fact, turn), ids(customer));
        for (EpisodeHit hit : customer.getItemsList()) {
            assertEquals(CUSTOMER.toString(), hit.getEpisode().getCustomerProfileId());
        }
        assertEquals(List.of(), ids(episodes(token).search(alongAxis3()
                .setCustomerProfileId(UUID.randomUUID().toString()).build())));
        assertEquals(List.of(turn), ids(episodes(token).search(alongAxis3().setSessionId(SESSION.toString()).build())));
        assertEquals(List.of(turn), ids(episodes(token).search(alongAxis3().setGroupId(GROUP.toString()).build())));
        assertEquals(List.of(), ids(episodes(token).search(alongAxis3().setAgentId(UUID.randomUUID().toString()).build())));
        assertEquals(Set.of(summary, event), Set.copyOf(ids(episodes(token).search(alongAxis3()
                .addTypes("summary").addTypes("EVENT").build()))));
        // Bi-temporal: the turn no longer holds in 2100; nothing was known in 2020.
        assertEquals(List.of(fact), ids(episodes(token).search(alongAxis3().setCustomerProfileId(CUSTOMER.toString())
                .setAsOf("2100-01-01T00:00:00Z").build())));
        assertEquals(List.of(), ids(episodes(token).search(alongAxis3().setKnownAt("2020-01-01T00:00:00Z").build())));
    }

    @Test
    void aMissingOrForgedTokenIsUnauthenticated() {
        StatusRuntimeException missing = refused(Status.Code.UNAUTHENTICATED, () -> episodes(null).search(alongAxis3().build()));
        assertEquals(401, ((Number) problem(missing).get("status")).intValue());
        StatusRuntimeException forgedToken = refused(Status.Code.UNAUTHENTICATED,
                () -> episodes(forged(tenantA, Roles.VIEWER)).search(alongAxis3().build()));
        assertEquals(401, ((Number) problem(forgedToken).get("status")).intValue());
    }

    @Test
    void aTokenWithoutARoleIsPermissionDenied() {
        String roleless = TestTokens.forTenant(tenantA);
        StatusRuntimeException denied = refused(Status.Code.PERMISSION_DENIED,
                () -> episodes(roleless).search(alongAxis3().build()));
        assertEquals(403, ((Number) problem(denied).get("status")).intValue());
        MemoryTestSupport.as(roleless).body(alongAxis3Rest()).post("/v1/episodes/search").then().statusCode(403);
    }

    /** A bad request: the gRPC form, the same in a REST body where JSON can say it (else null), the field named. */
    record Bad(EpisodeSearchRequest grpc, Map<String, Object> rest, String field) {
    }

    @Test
    void badInputIsInvalidArgumentNamingTheFieldAsRestDoes() {
        String model = embeddings.model();
        EpisodeSearchRequest.Builder query = EpisodeSearchRequest.newBuilder().setQuery("delivery");
        List<Bad> cases = new ArrayList<>(List.of(
                new Bad(EpisodeSearchRequest.newBuilder().addEmbedding(1f).setEmbeddingModel(model).build(),
                        Map.of("embedding", new float[] { 1f }, "embedding_model", model), "embedding"),
                new Bad(EpisodeSearchRequest.newBuilder().addAllEmbedding(GrpcValues.floats(unitVector(3))).build(),
                        Map.of("embedding", unitVector(3)), "embedding_model"),
                new Bad(EpisodeSearchRequest.newBuilder().setEmbeddingModel(model).build(),
                        Map.of("embedding_model", model), "embedding"),
                new Bad(query.clone().setLimit(0).build(), Map.of("query", "delivery", "limit", 0), "limit"),
                new Bad(query.clone().setLimit(201).build(), Map.of("query", "delivery", "limit", 201), "limit"),
                new Bad(query.clone().setCustomerProfileId("not-a-uuid").build(),
                        Map.of("query", "delivery", "customer_profile_id", "not-a-uuid"), "customer_profile_id"),
                new Bad(query.clone().addTypes("turn").addTypes("memo").build(),
                        Map.of("query", "delivery", "types", List.of("turn", "memo")), "types[1]"),
                new Bad(query.clone().setAsOf("last tuesday").build(),
                        Map.of("query", "delivery", "as_of", "last tuesday"), "as_of"),
                new Bad(query.clone().setRecencyWeight(2).build(),
                        Map.of("query", "delivery", "recency_weight", 2), "recency_weight"),
                new Bad(EpisodeSearchRequest.newBuilder().setMode(SearchMode.SEARCH_MODE_TEXT).build(),
                        Map.of("mode", "text"), "query")));
        // Numbers the contract does not define: a newer client's enum value, say.
        cases.add(new Bad(query.clone().setModeValue(9).build(), null, "mode"));
        cases.add(new Bad(query.clone().setStrategyValue(7).build(), null, "strategy"));

        for (Bad bad : cases) {
            StatusRuntimeException refusedCall = refused(Status.Code.INVALID_ARGUMENT,
                    () -> episodes(viewer(tenantA)).search(bad.grpc()));
            Map<String, Object> document = problem(refusedCall);
            assertEquals(400, ((Number) document.get("status")).intValue());
            assertEquals(refusedCall.getStatus().getDescription(), document.get("detail"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> errors = (List<Map<String, Object>>) document.get("errors");
            assertEquals(bad.field(), errors.get(0).get("field"), () -> "field of " + bad.grpc() + ": " + document);
            if (bad.rest() != null) {
                MemoryTestSupport.as(viewer(tenantA)).body(bad.rest()).post("/v1/episodes/search").then().statusCode(400)
                        .body("errors[0].field", equalTo(bad.field()));
            }
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** Every hit of {@code reply} as REST's answer has it, in the same order; scores within {@code tolerance}, recency within 1e-5. */
    private static void assertSameAsRest(JsonNode rest, EpisodeSearchReply reply, double tolerance) {
        assertEquals("SEARCH_MODE_" + rest.get("mode").asText().toUpperCase(Locale.ROOT), reply.getMode().name());
        assertEquals(absent(rest.get("strategy")) ? "SEARCH_STRATEGY_UNSPECIFIED"
                : "SEARCH_STRATEGY_" + rest.get("strategy").asText().toUpperCase(Locale.ROOT), reply.getStrategy().name());
        assertEquals(text(rest.get("embedding_model")), reply.getEmbeddingModel());
        JsonNode items = rest.get("items");
        assertTrue(items.size() > 0, "a comparison of two empty answers proves little");
        assertEquals(items.size(), reply.getItemsCount());
        for (int i = 0; i < items.size(); i++) {
            JsonNode expected = items.get(i);
            EpisodeHit hit = reply.getItems(i);
            assertEpisode(expected.get("episode"), hit.getEpisode());
            assertEquals(expected.get("score").asDouble(), hit.getScore(), tolerance, "score of hit " + i);
            // Recency is computed at each call's now(): 2.7e-7 less a second at a 30-day half-life.
            assertEquals(expected.get("recency").asDouble(), hit.getRecency(), 1e-5, "recency of hit " + i);
            assertEquals(expected.get("importance").asDouble(), hit.getImportance());
            assertEquals(text(expected.get("vector_rank")), hit.hasVectorRank() ? String.valueOf(hit.getVectorRank()) : "");
            assertEquals(text(expected.get("text_rank")), hit.hasTextRank() ? String.valueOf(hit.getTextRank()) : "");
            assertEquals(absent(expected.get("vector_similarity")), !hit.hasVectorSimilarity());
            if (hit.hasVectorSimilarity()) {
                assertEquals(expected.get("vector_similarity").asDouble(), hit.getVectorSimilarity());
            }
            assertEquals(absent(expected.get("text_score")), !hit.hasTextScore());
            if (hit.hasTextScore()) {
                assertEquals(expected.get("text_score").asDouble(), hit.getTextScore());
            }
        }
    }

    private static void assertEpisode(JsonNode expected, Episode episode) {
        assertEquals(text(expected.get("id")), episode.getId());
        assertEquals(text(expected.get("agent_id")), episode.getAgentId());
        assertEquals(text(expected.get("customer_profile_id")), episode.getCustomerProfileId());
        assertEquals(text(expected.get("session_id")), episode.getSessionId());
        assertEquals(text(expected.get("group_id")), episode.getGroupId());
        assertEquals(text(expected.get("episode_type")), episode.getEpisodeType());
        assertEquals(text(expected.get("content")), episode.getContent());
        assertEquals(text(expected.get("language")), episode.getLanguage());
        assertEquals(text(expected.get("embedding_model")), episode.getEmbeddingModel());
        assertEquals(expected.get("importance").asDouble(), episode.getImportance());
        assertEquals(text(expected.get("valid_from")), episode.getValidFrom());
        assertEquals(text(expected.get("valid_to")), episode.getValidTo());
        assertEquals(text(expected.get("recorded_at")), episode.getRecordedAt());
        assertEquals(text(expected.get("updated_at")), episode.getUpdatedAt());
        assertEquals(expected.get("metadata"), json(episode.getMetadataJson()));
    }

    /** A REST answer's value as the contract writes it: null is the empty string. */
    private static String text(JsonNode value) {
        return absent(value) ? "" : value.asText();
    }

    private static boolean absent(JsonNode value) {
        return value == null || value.isNull();
    }
}
