package dev.agentry.catalog.guardrail;

import static dev.agentry.catalog.CatalogTestSupport.admin;
import static dev.agentry.catalog.CatalogTestSupport.as;
import static dev.agentry.catalog.CatalogTestSupport.body;
import static dev.agentry.catalog.CatalogTestSupport.rowCounts;
import static dev.agentry.catalog.CatalogTestSupport.runtime;
import static dev.agentry.catalog.CatalogTestSupport.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Guardrails as CEL conditions: the built-in detectors, compile errors with their position, block / warn / redact, the cache. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class GuardrailResourceTest extends TwoTenantTest {

    @Inject
    GuardrailCache cache;

    @Override
    protected String schema() {
        return "catalog";
    }

    /** Every test starts from no guardrails of tenant A (keyword lists stay). */
    @BeforeEach
    void clear() {
        List<String> ids = as(admin(tenantA)).get("/v1/guardrails?limit=200").then().statusCode(200).extract().path("items.id");
        ids.forEach(id -> as(admin(tenantA)).delete("/v1/guardrails/" + id).then().statusCode(204));
    }

    private static String guardrail(String code, String condition, String action, Object... more) {
        Map<String, Object> b = body("code", code, "condition_expression", condition, "violation_action", action);
        b.putAll(body(more));
        return as(admin(tenantA)).body(b).post("/v1/guardrails").then().statusCode(201).extract().path("id");
    }

    private static void keywordList(String code, List<String> words) {
        List<String> existing = as(viewer(tenantA)).get("/v1/guardrails/keyword-lists").then().statusCode(200).extract().path("code");
        if (!existing.contains(code)) {
            as(admin(tenantA)).body(body("code", code, "words", words)).post("/v1/guardrails/keyword-lists").then().statusCode(201)
                    .body("code", equalTo(code));
        }
    }

    private static ValidatableResponse evaluate(UUID tenant, String message, String direction, Object... more) {
        Map<String, Object> b = body("message", message, "direction", direction);
        b.putAll(body(more));
        return as(runtime(tenant)).body(b).post("/v1/guardrails/evaluate").then().statusCode(200);
    }

    @Test
    void eachBuiltInDetector() {
        keywordList("competitors", List.of("Shopee", "Lazada", "khuyến mãi"));
        guardrail("competitor", "matches.competitors", "warn");
        evaluate(tenantA, "Write to an.nguyen@example.com please", "input").body("matches.email", equalTo(true))
                .body("matches.phone", equalTo(false)).body("matches.payment_card", equalTo(false));
        evaluate(tenantA, "my email is an.nguyen(at)example", "input").body("matches.email", equalTo(false));
        evaluate(tenantA, "Call me on 0912 345 678", "input").body("matches.phone", equalTo(true));
        evaluate(tenantA, "Call me on +84 912 345 678", "input").body("matches.phone", equalTo(true));
        evaluate(tenantA, "Order 12345 has 3 items", "input").body("matches.phone", equalTo(false));
        evaluate(tenantA, "Card 4111 1111 1111 1111 exp 12/27", "input").body("matches.payment_card", equalTo(true))
                .body("matches.phone", equalTo(false));
        evaluate(tenantA, "Card 4111-1111-1111-1111", "input").body("matches.payment_card", equalTo(true));
        // One digit wrong: fails the Luhn check.
        evaluate(tenantA, "Card 4111 1111 1111 1112", "input").body("matches.payment_card", equalTo(false));
        evaluate(tenantA, "CCCD của tôi là 001099012345", "input").body("matches.vn_citizen_id", equalTo(true))
                .body("matches.phone", equalTo(false)).body("matches.payment_card", equalTo(false));
        // Twelve digits that are no province code; eleven digits.
        evaluate(tenantA, "Reference 999099012345", "input").body("matches.vn_citizen_id", equalTo(false));
        evaluate(tenantA, "Reference 00109901234", "input").body("matches.vn_citizen_id", equalTo(false));
        // Keyword lists: whole words, any case, with or without accents.
        evaluate(tenantA, "Is it cheaper on shopee?", "input").body("matches.competitors", equalTo(true))
                .body("outcome", equalTo("warn")).body("fired[0].code", equalTo("competitor"))
                .body("fired[0].detectors", contains("competitors"));
        evaluate(tenantA, "Có khuyen mai không?", "input").body("matches.competitors", equalTo(true));
        evaluate(tenantA, "Shopeex is not a word of the list", "input").body("matches.competitors", equalTo(false))
                .body("outcome", equalTo("allow")).body("fired", hasSize(0));
    }

    @Test
    void aBadExpressionIs400WithItsPositionAndWritesNothing() {
        Map<String, Long> before = rowCounts(tenantA);
        post("syntax", "message.contains('x') &&", "block").body("errors[0].field", equalTo("condition_expression"))
                .body("errors[0].message", containsString("line 1, column 25"));
        post("types", "message + 1 == 2", "block").body("errors[0].message", containsString("line 1, column 9"))
                .body("errors[0].message", containsString("no matching overload"));
        post("not-bool", "message", "block").body("errors[0].message", containsString("bool"));
        post("unknown-var", "user.age > 18", "block").body("errors[0].message", containsString("undeclared reference"));
        post("unknown-list", "matches.nope", "warn").body("errors[0].message", containsString("matches.nope"));
        post("redact-nothing", "size(message) > 10", "redact").body("errors[0].message", containsString("redact"));
        as(admin(tenantA)).body(body("code", "bad-action", "condition_expression", "true", "violation_action", "delete"))
                .post("/v1/guardrails").then().statusCode(400).body("errors[0].field", equalTo("violation_action"));
        as(admin(tenantA)).body(body("code", "email", "words", List.of("x"))).post("/v1/guardrails/keyword-lists").then().statusCode(400)
                .body("errors[0].field", equalTo("code"));
        as(admin(tenantA)).body(body("code", "empty", "words", List.of())).post("/v1/guardrails/keyword-lists").then().statusCode(400);
        as(viewer(tenantA)).body(body("code", "v", "condition_expression", "true", "violation_action", "warn")).post("/v1/guardrails")
                .then().statusCode(403);
        assertEquals(before, rowCounts(tenantA));
        // A good one, then a bad replacement of it changes nothing; a duplicate code is 409.
        String id = guardrail("ok", "matches.email", "warn");
        as(admin(tenantA)).body(body("code", "ok", "condition_expression", "matches.email ||", "violation_action", "warn"))
                .put("/v1/guardrails/" + id).then().statusCode(400).contentType("application/problem+json");
        as(viewer(tenantA)).get("/v1/guardrails/" + id).then().statusCode(200).body("condition_expression", equalTo("matches.email"))
                .body("detectors", contains("email")).body("active", equalTo(true)).body("priority", equalTo(0));
        as(admin(tenantA)).body(body("code", "ok", "condition_expression", "true", "violation_action", "warn")).post("/v1/guardrails")
                .then().statusCode(409).body("errors[0].field", equalTo("code"));
    }

    private static ValidatableResponse post(String code, String condition, String action) {
        return as(admin(tenantA)).body(body("code", code, "condition_expression", condition, "violation_action", action))
                .post("/v1/guardrails").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void blockWarnAndRedactOnInputAndOutput() {
        keywordList("competitors", List.of("Shopee", "Lazada", "khuyến mãi"));
        guardrail("card-in", "direction == 'input' && matches.payment_card", "block", "priority", 20,
                "fallback_message", "Please don't share card numbers here.");
        guardrail("pii-out", "direction == 'output' && (matches.email || matches.phone)", "redact", "priority", 10);
        guardrail("competitor", "matches.competitors", "warn");
        guardrail("banned-on-zalo", "channel == 'zalo' && 'tier' in session_variables && session_variables.tier == 'banned'", "block",
                "priority", 5);
        guardrail("gold", "profile_fields.tier == 'gold'", "warn", "priority", -1);

        // Input with a card: blocked, the fallback replaces the text, evaluation stops at the block.
        evaluate(tenantA, "My card is 4111 1111 1111 1111, is it cheaper on Lazada?", "input", "profile_fields", Map.of("tier", "gold"))
                .body("outcome", equalTo("block")).body("text", equalTo("Please don't share card numbers here."))
                .body("fallback_message", equalTo("Please don't share card numbers here."))
                .body("fired.code", contains("card-in")).body("fired[0].action", equalTo("block"))
                .body("fired[0].reason", containsString("payment_card")).body("evaluated", equalTo(1));
        // The same card in an output is not this rule's business.
        evaluate(tenantA, "Your card 4111 1111 1111 1111 was charged", "output", "profile_fields", Map.of("tier", "silver"))
                .body("outcome", equalTo("allow")).body("text", equalTo("Your card 4111 1111 1111 1111 was charged"));
        // Output with an e-mail and a phone number: both redacted; the warn fires too, after it (lower priority).
        evaluate(tenantA, "Write to sales@shop.vn or call 0912 345 678, cheaper than Shopee!", "output", "profile_fields",
                Map.of("tier", "silver"))
                .body("outcome", equalTo("redact")).body("text", equalTo("Write to [EMAIL] or call [PHONE], cheaper than Shopee!"))
                .body("fired.code", contains("pii-out", "competitor")).body("fired[0].detectors", contains("email", "phone"))
                .body("fallback_message", nullValue());
        // Input with an e-mail: the redaction is for outputs only.
        evaluate(tenantA, "I am an@example.com", "input", "profile_fields", Map.of("tier", "silver")).body("outcome", equalTo("allow"))
                .body("text", equalTo("I am an@example.com"));
        // Session variables and the channel; profile fields.
        evaluate(tenantA, "hello", "input", "channel", "zalo", "session_variables", Map.of("tier", "banned"), "profile_fields",
                Map.of("tier", "silver")).body("outcome", equalTo("block")).body("text", equalTo(GuardrailService.DEFAULT_FALLBACK))
                .body("fired.code", contains("banned-on-zalo"));
        evaluate(tenantA, "hello", "input", "channel", "web", "session_variables", Map.of("tier", "banned"), "profile_fields",
                Map.of("tier", "gold", "orders", 3)).body("outcome", equalTo("warn")).body("fired.code", contains("gold"));
        // A condition that fails at run time (no profile field "tier") is reported and counts as not fired.
        evaluate(tenantA, "is Lazada cheaper?", "input").body("outcome", equalTo("warn")).body("fired.code", contains("competitor"))
                .body("errors.code", contains("gold")).body("errors[0].message", containsString("tier"));
        // Bad requests.
        as(runtime(tenantA)).body(body("message", "x", "direction", "sideways")).post("/v1/guardrails/evaluate").then().statusCode(400)
                .body("errors[0].field", equalTo("direction"));
        as(runtime(tenantA)).body(body("direction", "input")).post("/v1/guardrails/evaluate").then().statusCode(400)
                .body("errors[0].field", equalTo("message"));
    }

    @Test
    void compiledSetsAreCachedAndRebuiltOnChange() {
        String id = guardrail("refund", "message.matches('(?i)\\\\brefund\\\\b')", "block", "fallback_message", "A human will call you.");
        evaluate(tenantA, "I want a REFUND now", "input").body("outcome", equalTo("block"));
        long builds = cache.builds();
        evaluate(tenantA, "I want a refund now", "input").body("outcome", equalTo("block"));
        evaluate(tenantA, "hello", "input").body("outcome", equalTo("allow"));
        assertEquals(builds, cache.builds(), "an unchanged tenant is not compiled again");
        // A change is seen at once: the action is now warn.
        as(admin(tenantA)).body(body("code", "refund", "condition_expression", "message.matches('(?i)\\\\brefund\\\\b')",
                "violation_action", "warn")).put("/v1/guardrails/" + id).then().statusCode(200).body("violation_action", equalTo("warn"));
        evaluate(tenantA, "I want a refund now", "input").body("outcome", equalTo("warn"));
        assertEquals(builds + 1, cache.builds());
        // Deactivated: not evaluated.
        as(admin(tenantA)).body(body("code", "refund", "condition_expression", "true", "violation_action", "warn", "active", false))
                .put("/v1/guardrails/" + id).then().statusCode(200);
        evaluate(tenantA, "I want a refund now", "input").body("outcome", equalTo("allow")).body("evaluated", equalTo(0));
        // A keyword list change is seen too.
        keywordList("banned_words", List.of("scam"));
        guardrail("banned", "matches.banned_words", "block");
        evaluate(tenantA, "this is a fraud", "input").body("outcome", equalTo("allow"));
        String list = as(viewer(tenantA)).get("/v1/guardrails/keyword-lists").then().extract()
                .path("find { it.code == 'banned_words' }.id");
        as(admin(tenantA)).body(body("code", "banned_words", "words", List.of("scam", "fraud"))).put("/v1/guardrails/keyword-lists/" + list)
                .then().statusCode(200).body("words", contains("scam", "fraud"));
        evaluate(tenantA, "this is a fraud", "input").body("outcome", equalTo("block"));
        // Deleted list: the condition naming it matches nothing.
        as(admin(tenantA)).delete("/v1/guardrails/keyword-lists/" + list).then().statusCode(204);
        evaluate(tenantA, "this is a fraud", "input").body("outcome", equalTo("allow")).body("matches.banned_words", equalTo(false));
    }

    @Test
    void anotherTenantNeitherSeesNorRunsThem() {
        String id = guardrail("all", "true", "block", "fallback_message", "A's fallback");
        keywordList("secret_words", List.of("alpha"));
        String list = as(viewer(tenantA)).get("/v1/guardrails/keyword-lists").then().extract()
                .path("find { it.code == 'secret_words' }.id");
        evaluate(tenantA, "anything", "input").body("outcome", equalTo("block"));
        evaluate(tenantB, "anything", "input").body("outcome", equalTo("allow")).body("fired", hasSize(0)).body("evaluated", equalTo(0));
        as(viewer(tenantB)).get("/v1/guardrails/" + id).then().statusCode(404).contentType("application/problem+json");
        as(viewer(tenantB)).get("/v1/guardrails").then().statusCode(200).body("items", hasSize(0));
        as(admin(tenantB)).body(body("code", "all", "condition_expression", "false", "violation_action", "warn")).put("/v1/guardrails/" + id)
                .then().statusCode(404);
        as(admin(tenantB)).delete("/v1/guardrails/" + id).then().statusCode(404);
        as(viewer(tenantB)).get("/v1/guardrails/keyword-lists/" + list).then().statusCode(404);
        as(viewer(tenantB)).get("/v1/guardrails/keyword-lists").then().statusCode(200).body("", hasSize(0));
        as(admin(tenantB)).body(body("code", "x", "words", List.of("y"))).put("/v1/guardrails/keyword-lists/" + list).then().statusCode(404);
        as(admin(tenantB)).delete("/v1/guardrails/keyword-lists/" + list).then().statusCode(404);
        // B cannot name A's keyword list in its own conditions.
        as(admin(tenantB)).body(body("code", "peek", "condition_expression", "matches.secret_words", "violation_action", "warn"))
                .post("/v1/guardrails").then().statusCode(400);
        evaluate(tenantA, "anything", "input").body("outcome", equalTo("block")).body("text", equalTo("A's fallback"));
    }
}
