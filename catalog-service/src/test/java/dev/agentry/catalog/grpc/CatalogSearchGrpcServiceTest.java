package dev.agentry.catalog.grpc;

import static dev.agentry.catalog.CatalogTestSupport.admin;
import static dev.agentry.catalog.CatalogTestSupport.body;
import static dev.agentry.catalog.CatalogTestSupport.bot;
import static dev.agentry.catalog.CatalogTestSupport.domain;
import static dev.agentry.catalog.CatalogTestSupport.globalAttribute;
import static dev.agentry.catalog.CatalogTestSupport.offering;
import static dev.agentry.catalog.CatalogTestSupport.publish;
import static dev.agentry.catalog.CatalogTestSupport.rowCounts;
import static dev.agentry.catalog.CatalogTestSupport.runtime;
import static dev.agentry.catalog.CatalogTestSupport.viewer;
import static dev.agentry.common.testing.GrpcTestCalls.as;
import static dev.agentry.common.testing.GrpcTestCalls.forged;
import static dev.agentry.common.testing.GrpcTestCalls.problem;
import static dev.agentry.common.testing.GrpcTestCalls.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.api.catalog.v1.AttributeFilter;
import dev.agentry.api.catalog.v1.CatalogSearchGrpc;
import dev.agentry.api.catalog.v1.FaqSearchReply;
import dev.agentry.api.catalog.v1.FaqSearchRequest;
import dev.agentry.api.catalog.v1.OfferingSearchReply;
import dev.agentry.api.catalog.v1.OfferingSearchRequest;
import dev.agentry.api.catalog.v1.PriceFilter;
import dev.agentry.api.catalog.v1.SearchMode;
import dev.agentry.api.catalog.v1.SearchStrategy;
import dev.agentry.catalog.CatalogTestSupport;
import dev.agentry.common.embedding.EmbeddingProvider;
import dev.agentry.common.grpc.GrpcValues;
import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.GrpcTestCalls;
import dev.agentry.common.testing.TestTokens;
import dev.agentry.common.testing.TwoTenantTest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@code agentry.catalog.v1.CatalogSearch} as a client generated from catalog-api calls it, on the
 * HTTP port: for the same input, the same hits in the same order with the same scores as {@code POST
 * /v1/offerings/search} and {@code POST /v1/bots/{id}/faq/search} (each case calls both and
 * compares), the same token and role checks, the same 400s naming the same fields, and another
 * tenant neither finds A's offerings nor reaches A's bot.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CatalogSearchGrpcServiceTest extends TwoTenantTest {

    /** REST answers read with a plain mapper: doubles stay doubles (RestAssured's paths read floats). */
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String domainId;
    private static String botA;
    private static String botB;
    private static String hours;
    private static String returns;

    @Inject
    EmbeddingProvider embeddings;

    private ManagedChannel channel;

    @Override
    protected String schema() {
        return "catalog";
    }

    @BeforeAll
    static void forget() {
        domainId = null;
    }

    @BeforeEach
    void open() {
        channel = GrpcTestCalls.channel();
        seed();
    }

    @AfterEach
    void close() throws InterruptedException {
        GrpcTestCalls.close(channel);
    }

    /** Three published offerings of A (one draft), one priced and stocked variant; a bot of A's and one of B's, each with a FAQ. */
    private void seed() {
        if (domainId != null) {
            return;
        }
        String re = domain(tenantA, "grpc_real_estate", "Bất Động Sản");
        globalAttribute(tenantA, re, body("key", "bedrooms", "value_type", "number"));
        globalAttribute(tenantA, re, body("key", "area", "value_type", "number"));
        globalAttribute(tenantA, re, body("key", "district", "value_type", "text"));
        globalAttribute(tenantA, re, body("key", "color", "value_type", "text", "scope", "variant"));
        String apt = offering(tenantA, re, "apt-q7", "Bất Động Sản Quận 7 - căn hộ cao cấp", "Căn hộ ba phòng ngủ gần trường học",
                Map.of("bedrooms", 3, "area", 90, "district", "Quận 7"));
        publish(tenantA, apt, 1);
        String house = offering(tenantA, re, "house-td", "Nhà phố Thủ Đức", "Nhà phố ba tầng, sân thượng rộng",
                Map.of("bedrooms", 4, "area", 120, "district", "Thủ Đức"));
        publish(tenantA, house, 1);
        String land = offering(tenantA, re, "land-la", "Đất nền Long An", null,
                Map.of("bedrooms", 1, "area", 300, "district", "Long An"));
        publish(tenantA, land, 1);
        offering(tenantA, re, "draft-1", "Bất Động Sản nháp", "chưa công bố", Map.of("bedrooms", 2));

        String white = CatalogTestSupport.as(admin(tenantA)).body(body("sku", "APT-Q7-WHITE", "attributes", Map.of("color", "white")))
                .post("/v1/offerings/" + apt + "/variants").then().statusCode(201).extract().path("id");
        String list = CatalogTestSupport.as(admin(tenantA)).body(body("code", "default-vnd", "currency", "VND")).post("/v1/price-lists")
                .then().statusCode(201).extract().path("id");
        CatalogTestSupport.as(admin(tenantA)).body(body("variant_id", white, "amount", new BigDecimal("5200000000")))
                .put("/v1/price-lists/" + list + "/prices").then().statusCode(200);
        String wh = CatalogTestSupport.as(admin(tenantA)).body(body("code", "wh")).post("/v1/inventory/locations").then().statusCode(201)
                .extract().path("id");
        CatalogTestSupport.as(admin(tenantA)).body(body("location_id", wh, "delta", 1)).post("/v1/variants/" + white + "/inventory/adjust")
                .then().statusCode(200);

        botA = bot(tenantA, "shop");
        hours = faq(tenantA, body("bot_id", botA, "question", "What are your opening hours?",
                "answer", "We are open from 9 am to 6 pm, Monday to Saturday.", "category", "store"));
        faq(tenantA, body("bot_id", botA, "question", "Can I pay with a credit card?", "answer", "Yes, Visa and Mastercard.",
                "category", "payment", "domain_id", re, "offering_id", apt));
        returns = faq(tenantA, body("question", "How do I return a product?", "answer", "Bring it back within 30 days with the receipt.",
                "category", "returns", "priority", 5));
        botB = bot(tenantB, "shop");
        faq(tenantB, body("bot_id", botB, "question", "What are your opening hours?", "answer", "Tenant B's hours."));
        domainId = re;
    }

    private static String faq(UUID tenant, Map<String, Object> body) {
        return CatalogTestSupport.as(admin(tenant)).body(body).post("/v1/faq").then().statusCode(201).extract().path("id");
    }

    private CatalogSearchGrpc.CatalogSearchBlockingStub catalog(String token) {
        return as(CatalogSearchGrpc.newBlockingStub(channel), token);
    }

    private static OfferingSearchRequest.Builder offerings(String query) {
        return OfferingSearchRequest.newBuilder().setQuery(query);
    }

    private static FaqSearchRequest.Builder faqOf(String botId, String query) {
        return FaqSearchRequest.newBuilder().setBotId(botId).setQuery(query);
    }

    private float[] vectorOf(String text) {
        return embeddings.embed(text).await().atMost(Duration.ofSeconds(30));
    }

    // --- SearchOfferings ---------------------------------------------------------------------------

    @Test
    void searchOfferingsAnswersTheHitsRestAnswersInTheSameOrderWithTheSameScores() {
        String token = viewer(tenantA);
        OfferingSearchReply text = sameOfferings(token, body("query", "bat dong san", "mode", "text"),
                offerings("bat dong san").setMode(SearchMode.SEARCH_MODE_TEXT));
        assertEquals("apt-q7", text.getHits(0).getCode(), "accent-less words find the accented name first");
        assertFalse(text.getHits(0).hasVectorRank(), "no vector ranking in text mode: unset, as REST's null");
        assertTrue(text.getHits(0).hasTextRank() && text.getHits(0).hasTrigramSimilarity());
        assertEquals(SearchStrategy.SEARCH_STRATEGY_UNSPECIFIED, text.getStrategy(), "no vector strategy in text mode");

        OfferingSearchReply hybrid = sameOfferings(token, body("query", "bat dong san", "limit", 5), offerings("bat dong san").setLimit(5));
        assertEquals(SearchMode.SEARCH_MODE_HYBRID, hybrid.getMode());
        assertEquals(SearchStrategy.SEARCH_STRATEGY_EXACT, hybrid.getStrategy());
        assertEquals(3, hybrid.getHitsCount(), "the three published offerings, not the draft");
        assertTrue(hybrid.getHitsList().stream().allMatch(h -> h.hasVectorSimilarity() && h.hasVectorRank()));
        assertTrue(hybrid.getHitsList().stream().anyMatch(h -> h.getDescription().isEmpty()), "no description: the empty string");

        // A ready vector with its model, the index strategy forced.
        float[] vector = vectorOf("can ho");
        OfferingSearchReply ready = sameOfferings(token,
                body("embedding", vector, "embedding_model", embeddings.model(), "mode", "vector", "strategy", "index"),
                OfferingSearchRequest.newBuilder().addAllEmbedding(GrpcValues.floats(vector)).setEmbeddingModel(embeddings.model())
                        .setMode(SearchMode.SEARCH_MODE_VECTOR).setStrategy(SearchStrategy.SEARCH_STRATEGY_INDEX));
        assertEquals(SearchStrategy.SEARCH_STRATEGY_INDEX, ready.getStrategy());
        assertEquals(3, ready.getHitsCount());
    }

    @Test
    void filtersPriceAndStockFilterAsTheyDoOverRest() {
        String token = runtime(tenantA);
        OfferingSearchReply typed = sameOfferings(token,
                body("query", "nha", "domain_id", domainId, "offering_type", "asset",
                        "filters", List.of(body("key", "bedrooms", "op", "gte", "value", 3))),
                offerings("nha").setDomainId(domainId).setOfferingType("asset")
                        .addFilters(AttributeFilter.newBuilder().setKey("bedrooms").setOp("gte").setValueJson("3")));
        assertEquals(List.of("apt-q7", "house-td"), typed.getHitsList().stream().map(h -> h.getCode()).sorted().toList());

        OfferingSearchReply in = sameOfferings(token,
                body("query", "nha", "filters", List.of(body("key", "district", "op", "in", "values", List.of("Quận 7", "Long An")),
                        body("key", "area", "op", "between", "values", List.of(80, 400)))),
                offerings("nha")
                        .addFilters(AttributeFilter.newBuilder().setKey("district").setOp("in").addValuesJson("\"Quận 7\"")
                                .addValuesJson("\"Long An\""))
                        .addFilters(AttributeFilter.newBuilder().setKey("area").setOp("between").addValuesJson("80").addValuesJson("400")));
        assertEquals(List.of("apt-q7", "land-la"), in.getHitsList().stream().map(h -> h.getCode()).sorted().toList());

        OfferingSearchReply priced = sameOfferings(token,
                body("query", "nha", "price", body("currency", "VND", "max", new BigDecimal("6000000000")), "in_stock", true),
                offerings("nha").setPrice(PriceFilter.newBuilder().setCurrency("VND").setMax("6000000000")).setInStock(true));
        assertEquals(List.of("apt-q7"), priced.getHitsList().stream().map(h -> h.getCode()).toList());
        OfferingSearchReply tooDear = sameOfferings(token, body("query", "nha", "price", body("currency", "VND", "min", new BigDecimal("6000000000.5"))),
                offerings("nha").setPrice(PriceFilter.newBuilder().setCurrency("VND").setMin("6000000000.5")));
        assertEquals(0, tooDear.getHitsCount());
        // in_stock false is sent (and does not filter), like REST's false.
        OfferingSearchReply all = sameOfferings(token, body("query", "nha", "in_stock", false), offerings("nha").setInStock(false));
        assertEquals(3, all.getHitsCount());
    }

    @Test
    void anotherTenantNeverFindsAsOfferings() {
        OfferingSearchRequest request = offerings("bat dong san").setMode(SearchMode.SEARCH_MODE_TEXT).build();
        assertTrue(catalog(viewer(tenantA)).searchOfferings(request).getHitsCount() > 0, "A finds its own");
        assertEquals(0, catalog(viewer(tenantB)).searchOfferings(request).getHitsCount());
        assertEquals(0, catalog(viewer(tenantB)).searchOfferings(offerings("bat dong san").setDomainId(domainId).build()).getHitsCount(),
                "a global domain does not open A's offerings to B");
    }

    @Test
    void searchOfferingsRefusesMissingForgedAndRolelessTokens() {
        OfferingSearchRequest request = offerings("nha").build();
        StatusRuntimeException missing = refused(Status.Code.UNAUTHENTICATED, () -> catalog(null).searchOfferings(request));
        assertEquals(401, status(missing));
        refused(Status.Code.UNAUTHENTICATED, () -> catalog(forged(tenantA, Roles.VIEWER)).searchOfferings(request));
        StatusRuntimeException denied = refused(Status.Code.PERMISSION_DENIED,
                () -> catalog(TestTokens.forTenant(tenantA)).searchOfferings(request));
        assertEquals(403, status(denied));
    }

    @Test
    void badOfferingSearchesAreInvalidArgumentNamingTheField() {
        String token = viewer(tenantA);
        invalid("embedding", () -> catalog(token).searchOfferings(OfferingSearchRequest.newBuilder()
                .addAllEmbedding(List.of(1f, 2f, 3f)).setEmbeddingModel(embeddings.model()).setMode(SearchMode.SEARCH_MODE_VECTOR).build()));
        invalid("limit", () -> catalog(token).searchOfferings(offerings("nha").setLimit(0).build()));
        invalid("limit", () -> catalog(token).searchOfferings(offerings("nha").setLimit(101).build()));
        invalid("domain_id", () -> catalog(token).searchOfferings(offerings("nha").setDomainId("not-a-uuid").build()));
        invalid("mode", () -> catalog(token).searchOfferings(offerings("nha").setModeValue(9).build()));
        invalid("strategy", () -> catalog(token).searchOfferings(offerings("nha").setStrategyValue(9).build()));
        invalid("query", () -> catalog(token).searchOfferings(OfferingSearchRequest.newBuilder().setMode(SearchMode.SEARCH_MODE_TEXT).build()));
        invalid("offering_type", () -> catalog(token).searchOfferings(offerings("nha").setOfferingType("boat").build()));
        // Malformed JSON is refused as such, not read as a missing value (which the service would refuse on the same field).
        assertTrue(invalid("filters[0].value", () -> catalog(token).searchOfferings(offerings("nha")
                .addFilters(AttributeFilter.newBuilder().setKey("bedrooms").setOp("eq").setValueJson("two bedrooms")).build()))
                .contains("JSON"));
        assertTrue(invalid("filters[1].values[1]", () -> catalog(token).searchOfferings(offerings("nha")
                .addFilters(AttributeFilter.newBuilder().setKey("bedrooms").setOp("eq").setValueJson("2"))
                .addFilters(AttributeFilter.newBuilder().setKey("area").setOp("between").addValuesJson("50").addValuesJson("[80")).build()))
                .contains("JSON"));
        // Well-formed JSON of the wrong type is the service's own 400, as over REST.
        invalid("filters[0].value", () -> catalog(token).searchOfferings(offerings("nha")
                .addFilters(AttributeFilter.newBuilder().setKey("bedrooms").setOp("eq").setValueJson("\"two\"")).build()));
        invalid("filters[0].key", () -> catalog(token).searchOfferings(offerings("nha")
                .addFilters(AttributeFilter.newBuilder().setKey("floors").setOp("eq").setValueJson("2")).build()));
        invalid("price.currency", () -> catalog(token).searchOfferings(offerings("nha")
                .setPrice(PriceFilter.newBuilder().setCurrency("vnd")).build()));
        invalid("price.currency", () -> catalog(token).searchOfferings(offerings("nha").setPrice(PriceFilter.newBuilder()).build()));
        invalid("price.min", () -> catalog(token).searchOfferings(offerings("nha")
                .setPrice(PriceFilter.newBuilder().setCurrency("VND").setMin("1,000")).build()));
        invalid("price.max", () -> catalog(token).searchOfferings(offerings("nha")
                .setPrice(PriceFilter.newBuilder().setCurrency("VND").setMax("-1")).build()));
    }

    // --- SearchFaq ---------------------------------------------------------------------------------

    @Test
    void searchFaqAnswersTheHitsRestAnswersInTheSameOrderWithTheSameSimilarities() {
        String token = runtime(tenantA);
        FaqSearchReply open = sameFaq(token, botA, body("query", "When are you open?"), faqOf(botA, "When are you open?"));
        assertEquals(hours, open.getHits(0).getId());
        assertEquals(3, open.getHitsCount(), "the bot's two entries and the bot-less one, not B's");
        assertTrue(open.getHitsList().stream().anyMatch(h -> h.getId().equals(returns) && h.getBotId().isEmpty()),
                "the bot-less entry has the empty bot id");
        assertFalse(open.getEmbeddingModel().isEmpty());
        assertEquals(SearchStrategy.SEARCH_STRATEGY_EXACT, open.getStrategy());

        FaqSearchReply narrowed = sameFaq(viewer(tenantA), botA, body("query", "When are you open?", "category", "returns"),
                faqOf(botA, "When are you open?").setCategory("returns"));
        assertEquals(List.of(returns), narrowed.getHitsList().stream().map(h -> h.getId()).toList());
        assertEquals(0, sameFaq(token, botA, body("query", "When are you open?", "min_similarity", 0.99),
                faqOf(botA, "When are you open?").setMinSimilarity(0.99)).getHitsCount());
        assertEquals(1, sameFaq(token, botA, body("query", "When are you open?", "limit", 1),
                faqOf(botA, "When are you open?").setLimit(1)).getHitsCount());
        FaqSearchReply index = sameFaq(token, botA, body("query", "When are you open?", "strategy", "index"),
                faqOf(botA, "When are you open?").setStrategy(SearchStrategy.SEARCH_STRATEGY_INDEX));
        assertEquals(SearchStrategy.SEARCH_STRATEGY_INDEX, index.getStrategy());

        float[] vector = vectorOf("Can I pay by card?");
        FaqSearchReply ready = sameFaq(token, botA, body("embedding", vector, "embedding_model", embeddings.model()),
                FaqSearchRequest.newBuilder().setBotId(botA).addAllEmbedding(GrpcValues.floats(vector)).setEmbeddingModel(embeddings.model()));
        assertEquals(domainId, ready.getHits(0).getDomainId(), "the card answer, with its links");
        assertFalse(ready.getHits(0).getOfferingId().isEmpty());
    }

    @Test
    void anotherTenantsBotIsNotFoundAsOverRest() {
        FaqSearchRequest request = faqOf(botA, "When are you open?").build();
        restFaq(runtime(tenantB), botA, body("query", "When are you open?")).statusCode(404);
        StatusRuntimeException notFound = refused(Status.Code.NOT_FOUND, () -> catalog(runtime(tenantB)).searchFaq(request));
        assertEquals(404, status(notFound));
        String unknown = UUID.randomUUID().toString();
        restFaq(runtime(tenantA), unknown, body("query", "When are you open?")).statusCode(404);
        refused(Status.Code.NOT_FOUND, () -> catalog(runtime(tenantA)).searchFaq(faqOf(unknown, "When are you open?").build()));
        // B's own bot finds B's entry only.
        FaqSearchReply own = catalog(runtime(tenantB)).searchFaq(faqOf(botB, "When are you open?").build());
        assertEquals(List.of("Tenant B's hours."), own.getHitsList().stream().map(h -> h.getAnswer()).toList());
    }

    @Test
    void searchFaqRefusesMissingForgedAndRolelessTokens() {
        FaqSearchRequest request = faqOf(botA, "When are you open?").build();
        StatusRuntimeException missing = refused(Status.Code.UNAUTHENTICATED, () -> catalog(null).searchFaq(request));
        assertEquals(401, status(missing));
        refused(Status.Code.UNAUTHENTICATED, () -> catalog(forged(tenantA, Roles.AGENT_RUNTIME)).searchFaq(request));
        StatusRuntimeException denied = refused(Status.Code.PERMISSION_DENIED,
                () -> catalog(TestTokens.forTenant(tenantA)).searchFaq(request));
        assertEquals(403, status(denied));
    }

    @Test
    void badFaqSearchesAreInvalidArgumentNamingTheField() {
        String token = runtime(tenantA);
        Map<String, Long> before = rowCounts(tenantA);
        invalid("bot_id", () -> catalog(token).searchFaq(faqOf("not-a-bot", "x").build()));
        invalid("bot_id", () -> catalog(token).searchFaq(faqOf("", "x").build()));
        invalid("embedding", () -> catalog(token).searchFaq(FaqSearchRequest.newBuilder().setBotId(botA)
                .addAllEmbedding(List.of(1f, 2f, 3f)).setEmbeddingModel(embeddings.model()).build()));
        invalid("embedding_model", () -> catalog(token).searchFaq(FaqSearchRequest.newBuilder().setBotId(botA)
                .addAllEmbedding(GrpcValues.floats(vectorOf("x"))).setEmbeddingModel("text-embedding-3-small").build()));
        invalid("query", () -> catalog(token).searchFaq(FaqSearchRequest.newBuilder().setBotId(botA).build()));
        invalid("limit", () -> catalog(token).searchFaq(faqOf(botA, "x").setLimit(0).build()));
        invalid("limit", () -> catalog(token).searchFaq(faqOf(botA, "x").setLimit(51).build()));
        invalid("min_similarity", () -> catalog(token).searchFaq(faqOf(botA, "x").setMinSimilarity(1.5).build()));
        invalid("strategy", () -> catalog(token).searchFaq(faqOf(botA, "x").setStrategyValue(9).build()));
        assertEquals(before, rowCounts(tenantA), "a search writes nothing");
    }

    // --- Comparing the two transports --------------------------------------------------------------

    /** One offering hit as both transports carry it: REST's nulls are gRPC's unset fields and empty strings. */
    record Hit(String offeringId, String versionId, int version, String code, String offeringType, String domainId, String name,
            String description, double score, Double vectorSimilarity, Integer vectorRank, Integer textRank, Double textScore,
            Double trigramSimilarity) {
    }

    record Faq(String id, String botId, String domainId, String offeringId, String question, String answer, String category,
            int priority, double vectorSimilarity) {
    }

    /** The gRPC reply to {@code grpc}, after checking it carries exactly REST's answer to {@code rest}. */
    private OfferingSearchReply sameOfferings(String token, Map<String, Object> rest, OfferingSearchRequest.Builder grpc) {
        Map<String, Object> expected = read(restOfferings(token, rest).statusCode(200));
        OfferingSearchReply reply = catalog(token).searchOfferings(grpc.build());
        assertEquals(expected.get("mode"), lower(reply.getMode().name(), "SEARCH_MODE_"));
        assertEquals(expected.get("strategy"), lower(reply.getStrategy().name(), "SEARCH_STRATEGY_"));
        List<Hit> restHits = hitsOf(expected).stream().map(CatalogSearchGrpcServiceTest::hit).toList();
        assertEquals(restHits, reply.getHitsList().stream().map(CatalogSearchGrpcServiceTest::hit).toList());
        return reply;
    }

    private FaqSearchReply sameFaq(String token, String botId, Map<String, Object> rest, FaqSearchRequest.Builder grpc) {
        Map<String, Object> expected = read(restFaq(token, botId, rest).statusCode(200));
        FaqSearchReply reply = catalog(token).searchFaq(grpc.build());
        assertEquals(expected.get("strategy"), lower(reply.getStrategy().name(), "SEARCH_STRATEGY_"));
        assertEquals(expected.get("embedding_model"), reply.getEmbeddingModel());
        List<Faq> restHits = hitsOf(expected).stream().map(CatalogSearchGrpcServiceTest::faq).toList();
        assertEquals(restHits, reply.getHitsList().stream().map(CatalogSearchGrpcServiceTest::faq).toList());
        return reply;
    }

    /** REST's lower-case enum name of a contract constant; null for the unspecified one (REST's null). */
    private static String lower(String constant, String prefix) {
        String name = constant.substring(prefix.length()).toLowerCase(Locale.ROOT);
        return name.equals("unspecified") ? null : name;
    }

    @SuppressWarnings("unchecked")
    private static Hit hit(Map<String, Object> h) {
        Map<String, Object> parts = (Map<String, Object>) h.get("score_parts");
        return new Hit(wire(h.get("offering_id")), wire(h.get("version_id")), ((Number) h.get("version")).intValue(), wire(h.get("code")),
                wire(h.get("offering_type")), wire(h.get("domain_id")), wire(h.get("name")), wire(h.get("description")),
                ((Number) h.get("score")).doubleValue(), decimal(h.get("vector_similarity")), integer(parts.get("vector_rank")),
                integer(parts.get("text_rank")), decimal(parts.get("text_score")), decimal(parts.get("trigram_similarity")));
    }

    private static Hit hit(dev.agentry.api.catalog.v1.OfferingHit h) {
        return new Hit(h.getOfferingId(), h.getVersionId(), h.getVersion(), h.getCode(), h.getOfferingType(), h.getDomainId(), h.getName(),
                h.getDescription(), h.getScore(), h.hasVectorSimilarity() ? h.getVectorSimilarity() : null,
                h.hasVectorRank() ? h.getVectorRank() : null, h.hasTextRank() ? h.getTextRank() : null,
                h.hasTextScore() ? h.getTextScore() : null, h.hasTrigramSimilarity() ? h.getTrigramSimilarity() : null);
    }

    private static Faq faq(Map<String, Object> h) {
        return new Faq(wire(h.get("id")), wire(h.get("bot_id")), wire(h.get("domain_id")), wire(h.get("offering_id")),
                wire(h.get("question")), wire(h.get("answer")), wire(h.get("category")), ((Number) h.get("priority")).intValue(),
                ((Number) h.get("vector_similarity")).doubleValue());
    }

    private static Faq faq(dev.agentry.api.catalog.v1.FaqHit h) {
        return new Faq(h.getId(), h.getBotId(), h.getDomainId(), h.getOfferingId(), h.getQuestion(), h.getAnswer(), h.getCategory(),
                h.getPriority(), h.getVectorSimilarity());
    }

    private static String wire(Object value) {
        return value == null ? "" : value.toString();
    }

    private static Double decimal(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    // --- Refusals ----------------------------------------------------------------------------------

    /**
     * A call refused as REST's 400 would be: INVALID_ARGUMENT, the detail as description, {@code field}
     * first among the errors; answers that error's message.
     */
    private static String invalid(String field, Executable call) {
        StatusRuntimeException failure = refused(Status.Code.INVALID_ARGUMENT, call);
        Map<String, Object> document = problem(failure);
        assertEquals(400, status(failure));
        assertEquals(failure.getStatus().getDescription(), document.get("detail"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) document.get("errors");
        assertEquals(field, errors.get(0).get("field"), () -> "errors of the refused call: " + errors);
        return (String) errors.get(0).get("message");
    }

    private static int status(StatusRuntimeException failure) {
        return ((Number) problem(failure).get("status")).intValue();
    }

    // --- REST, read as plain JSON ------------------------------------------------------------------

    private static ValidatableResponse restOfferings(String token, Map<String, Object> body) {
        return CatalogTestSupport.as(token).body(body).post("/v1/offerings/search").then();
    }

    private static ValidatableResponse restFaq(String token, String botId, Map<String, Object> body) {
        return CatalogTestSupport.as(token).body(body).post("/v1/bots/" + botId + "/faq/search").then();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(ValidatableResponse response) {
        try {
            return JSON.readValue(response.extract().asString(), Map.class);
        } catch (IOException e) {
            throw new AssertionError("the REST answer is not JSON", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> hitsOf(Map<String, Object> document) {
        return (List<Map<String, Object>>) document.get("hits");
    }
}
