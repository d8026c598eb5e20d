package dev.agentry.catalog.faq;

import static dev.agentry.catalog.CatalogTestSupport.admin;
import static dev.agentry.catalog.CatalogTestSupport.as;
import static dev.agentry.catalog.CatalogTestSupport.body;
import static dev.agentry.catalog.CatalogTestSupport.bot;
import static dev.agentry.catalog.CatalogTestSupport.offering;
import static dev.agentry.catalog.CatalogTestSupport.rowCounts;
import static dev.agentry.catalog.CatalogTestSupport.runtime;
import static dev.agentry.catalog.CatalogTestSupport.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentry.common.embedding.EmbeddingProvider;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The FAQ: embedded on write, searched by meaning over a bot's entries and the tenant's bot-less ones. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class FaqResourceTest extends TwoTenantTest {

    private static String botId;
    private static String otherBot;
    private static String hours;
    private static String returns;
    private static String shipping;
    private static String inactive;

    @Inject
    EmbeddingProvider embeddings;

    @Override
    protected String schema() {
        return "catalog";
    }

    @BeforeAll
    static void forget() {
        botId = null;
    }

    private void seed() {
        if (botId != null) {
            return;
        }
        botId = bot(tenantA, "shop");
        otherBot = bot(tenantA, "other");
        hours = faq(tenantA, body("bot_id", botId, "question", "What are your opening hours?",
                "answer", "We are open from 9 am to 6 pm, Monday to Saturday.", "category", "store"));
        faq(tenantA, body("bot_id", botId, "question", "Can I pay with a credit card?", "answer", "Yes, Visa and Mastercard.",
                "category", "payment"));
        returns = faq(tenantA, body("question", "How do I return a product?", "answer", "Bring it back within 30 days with the receipt.",
                "category", "returns", "priority", 5));
        shipping = faq(tenantA, body("bot_id", otherBot, "question", "When does the store open in the morning?",
                "answer", "Other bot's answer."));
        inactive = faq(tenantA, body("bot_id", botId, "question", "What time do you open?", "answer", "Outdated.", "active", false));
        String botB = bot(tenantB, "shop");
        faq(tenantB, body("bot_id", botB, "question", "What are your opening hours?", "answer", "Tenant B's hours."));
        faq(tenantB, body("question", "What are your opening hours?", "answer", "Tenant B's bot-less hours."));
    }

    private static String faq(UUID tenant, Map<String, Object> body) {
        return as(admin(tenant)).body(body).post("/v1/faq").then().statusCode(201).extract().path("id");
    }

    @Test
    void aParaphraseFindsTheAnswerOverTheBotAndTheBotLessFaq() {
        seed();
        as(runtime(tenantA)).body(body("query", "When are you open?")).post("/v1/bots/" + botId + "/faq/search").then().statusCode(200)
                .body("strategy", equalTo("exact")).body("embedding_model", notNullValue())
                .body("hits[0].id", equalTo(hours)).body("hits[0].answer", equalTo("We are open from 9 am to 6 pm, Monday to Saturday."))
                .body("hits[0].vector_similarity", greaterThan(0.7f))
                .body("hits.id", hasItem(returns))
                .body("hits.id", not(hasItem(shipping))).body("hits.id", not(hasItem(inactive)))
                .body("hits.answer", not(hasItem("Tenant B's hours."))).body("hits.answer", not(hasItem("Tenant B's bot-less hours.")))
                .body("hits", hasSize(3));
        as(runtime(tenantA)).body(body("query", "I want to send back what I bought")).post("/v1/bots/" + botId + "/faq/search").then()
                .statusCode(200).body("hits[0].id", equalTo(returns)).body("hits[0].bot_id", nullValue());
        // The other bot gets its own entry and the bot-less one, never this bot's.
        as(runtime(tenantA)).body(body("query", "When are you open?")).post("/v1/bots/" + otherBot + "/faq/search").then().statusCode(200)
                .body("hits.id", contains(shipping, returns));
        // Category, least similarity, limit, the index strategy.
        as(viewer(tenantA)).body(body("query", "When are you open?", "category", "returns")).post("/v1/bots/" + botId + "/faq/search")
                .then().statusCode(200).body("hits.id", contains(returns));
        as(viewer(tenantA)).body(body("query", "When are you open?", "min_similarity", 0.99)).post("/v1/bots/" + botId + "/faq/search")
                .then().statusCode(200).body("hits", hasSize(0));
        as(viewer(tenantA)).body(body("query", "When are you open?", "limit", 1)).post("/v1/bots/" + botId + "/faq/search")
                .then().statusCode(200).body("hits.id", contains(hours));
        as(viewer(tenantA)).body(body("query", "When are you open?", "strategy", "index")).post("/v1/bots/" + botId + "/faq/search")
                .then().statusCode(200).body("strategy", equalTo("index")).body("hits[0].id", equalTo(hours));
    }

    @Test
    void aReadyVectorIsSearchedAsTheQueryWouldBe() {
        seed();
        float[] vector = embeddings.embed("When are you open?").await().atMost(Duration.ofSeconds(30));
        as(runtime(tenantA)).body(body("embedding", vector, "embedding_model", embeddings.model()))
                .post("/v1/bots/" + botId + "/faq/search").then().statusCode(200).body("hits[0].id", equalTo(hours));
        // Another model, another width, a vector without its model, nothing at all: 400 problem+json.
        as(runtime(tenantA)).body(body("embedding", vector, "embedding_model", "text-embedding-3-small"))
                .post("/v1/bots/" + botId + "/faq/search").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("embedding_model"));
        as(runtime(tenantA)).body(body("embedding", new float[] { 1, 2, 3 }, "embedding_model", embeddings.model()))
                .post("/v1/bots/" + botId + "/faq/search").then().statusCode(400).body("errors[0].field", equalTo("embedding"));
        as(runtime(tenantA)).body(body("embedding", vector)).post("/v1/bots/" + botId + "/faq/search").then().statusCode(400);
        as(runtime(tenantA)).body(body()).post("/v1/bots/" + botId + "/faq/search").then().statusCode(400)
                .body("errors[0].field", equalTo("query"));
        as(runtime(tenantA)).body(body("query", "x", "strategy", "fastest")).post("/v1/bots/" + botId + "/faq/search").then().statusCode(400);
        as(runtime(tenantA)).body(body("query", "x", "limit", 500)).post("/v1/bots/" + botId + "/faq/search").then().statusCode(400);
    }

    @Test
    void writesAreCheckedAndOtherTenantsSeeNothing() {
        seed();
        as(viewer(tenantA)).get("/v1/faq/" + hours).then().statusCode(200).body("question", equalTo("What are your opening hours?"))
                .body("active", equalTo(true)).body("priority", equalTo(0)).body("embedding_model", notNullValue());
        as(viewer(tenantA)).get("/v1/faq?bot_id=" + botId).then().statusCode(200).body("items", hasSize(3))
                .body("items.bot_id", everyItem(equalTo(botId)));
        as(viewer(tenantA)).get("/v1/faq?bot_less=true").then().statusCode(200).body("items.id", contains(returns));
        as(viewer(tenantA)).get("/v1/faq?limit=2").then().statusCode(200).body("items", hasSize(2)).body("next_cursor", notNullValue());

        Map<String, Long> before = rowCounts(tenantA);
        String offeringB = offering(tenantB, null, "b-offer", "B", null, Map.of());
        String botB = bot(tenantB, "b-bot");
        as(admin(tenantA)).body(body("bot_id", botB, "question", "q", "answer", "a")).post("/v1/faq").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("bot_id"));
        as(admin(tenantA)).body(body("offering_id", offeringB, "question", "q", "answer", "a")).post("/v1/faq").then().statusCode(400)
                .body("errors[0].field", equalTo("offering_id"));
        as(admin(tenantA)).body(body("domain_id", UUID.randomUUID().toString(), "question", "q", "answer", "a")).post("/v1/faq").then()
                .statusCode(400).body("errors[0].field", equalTo("domain_id"));
        as(admin(tenantA)).body(body("question", " ", "answer", "a")).post("/v1/faq").then().statusCode(400)
                .body("errors[0].field", equalTo("question"));
        as(admin(tenantA)).body(body("question", "q")).post("/v1/faq").then().statusCode(400).body("errors[0].field", equalTo("answer"));
        as(viewer(tenantA)).body(body("question", "q", "answer", "a")).post("/v1/faq").then().statusCode(403);
        as(viewer(tenantA)).get("/v1/faq?bot_id=" + botId + "&bot_less=true").then().statusCode(400);
        assertEquals(before, rowCounts(tenantA));

        // Tenant B: 404 for A's entries and bots, nothing of A's in its lists, its writes change nothing.
        as(viewer(tenantB)).get("/v1/faq/" + hours).then().statusCode(404).contentType("application/problem+json");
        as(viewer(tenantB)).get("/v1/faq?bot_id=" + botId).then().statusCode(200).body("items", hasSize(0));
        as(viewer(tenantB)).get("/v1/faq").then().statusCode(200).body("items.id", not(hasItem(hours)));
        as(admin(tenantB)).body(body("question", "Stolen?", "answer", "Yes")).put("/v1/faq/" + hours).then().statusCode(404);
        as(admin(tenantB)).delete("/v1/faq/" + hours).then().statusCode(404);
        as(runtime(tenantB)).body(body("query", "When are you open?")).post("/v1/bots/" + botId + "/faq/search").then().statusCode(404);
        as(viewer(tenantA)).get("/v1/faq/" + hours).then().statusCode(200).body("answer", equalTo("We are open from 9 am to 6 pm, Monday to Saturday."));

        // An update embeds the new question: the entry is found by what it now asks.
        String entry = faq(tenantA, body("bot_id", otherBot, "question", "Do you have parking?", "answer", "Yes, free."));
        as(admin(tenantA)).body(body("bot_id", otherBot, "question", "Is there a place to charge my electric car?",
                "answer", "Yes, two chargers.", "category", "facilities")).put("/v1/faq/" + entry).then().statusCode(200)
                .body("category", equalTo("facilities"));
        as(runtime(tenantA)).body(body("query", "EV charging station")).post("/v1/bots/" + otherBot + "/faq/search").then()
                .statusCode(200).body("hits[0].id", equalTo(entry));
        // Deactivated entries leave the search; deleted ones are gone.
        as(admin(tenantA)).body(body("bot_id", otherBot, "question", "Is there a place to charge my electric car?",
                "answer", "Yes, two chargers.", "active", false)).put("/v1/faq/" + entry).then().statusCode(200).body("active", equalTo(false));
        as(runtime(tenantA)).body(body("query", "EV charging station")).post("/v1/bots/" + otherBot + "/faq/search").then()
                .statusCode(200).body("hits.id", not(hasItem(entry)));
        as(admin(tenantA)).delete("/v1/faq/" + entry).then().statusCode(204);
        as(viewer(tenantA)).get("/v1/faq/" + entry).then().statusCode(404);
    }
}
