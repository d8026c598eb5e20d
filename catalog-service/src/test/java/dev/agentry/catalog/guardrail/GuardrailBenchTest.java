package dev.agentry.catalog.guardrail;

import static dev.agentry.catalog.CatalogTestSupport.admin;
import static dev.agentry.catalog.CatalogTestSupport.as;
import static dev.agentry.catalog.CatalogTestSupport.body;
import static dev.agentry.catalog.CatalogTestSupport.runtime;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * By hand: {@code ./mvnw -B -q -o -pl catalog-service test -Dtest=GuardrailBenchTest -Dbench=true -Dai.djl.offline=true}.
 * {@code POST /v1/guardrails/evaluate} per message with 20 active guardrails (detectors, keyword lists,
 * regular expressions, session variables; a fifth of the messages trip one) beside the same call for
 * a tenant with none (the baseline: HTTP, the token, JSON and the stamp read), in the same run, one
 * client in process, after a warm-up. Prints p50/p95; asserts nothing.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class GuardrailBenchTest extends TwoTenantTest {

    private static final String[] MESSAGES = {
        "Hi, I would like to know when my order 4471 will arrive.",
        "Can you send the invoice to lan.nguyen@example.com please?",
        "My card 4111 1111 1111 1111 was charged twice.",
        "Is the blue kettle still available in Da Nang?",
        "Call me back on +84 90 123 4567 after five.",
        "Tôi muốn đổi sản phẩm này, làm thế nào?",
        "Do you price match with the other shop?",
        "Thanks, that solved it!",
        "Can I pay on delivery?",
        "My citizen id is 001099012345, update my profile." };

    @Override
    protected String schema() {
        return "catalog";
    }

    @Test
    @EnabledIfSystemProperty(named = "bench", matches = "true")
    void evaluationWithTwentyActiveGuardrails() {
        as(admin(tenantA)).body(body("code", "competitors", "words", List.of("other shop", "cheaper elsewhere")))
                .post("/v1/guardrails/keyword-lists").then().statusCode(201);
        String[][] rules = {
            { "card-in", "direction == 'input' && matches.payment_card", "redact" },
            { "email-out", "direction == 'output' && matches.email", "redact" },
            { "phone-out", "direction == 'output' && matches.phone", "redact" },
            { "cid", "matches.vn_citizen_id", "redact" },
            { "competitor", "matches.competitors", "warn" },
            { "refund-word", "message.matches('(?i)\\\\brefund\\\\b')", "warn" },
            { "lawsuit", "message.matches('(?i)\\\\b(lawsuit|lawyer|sue)\\\\b')", "warn" },
            { "shouting", "size(message) > 20 && message.matches('^[A-Z !?.]+$')", "warn" },
            { "long", "size(message) > 4000", "block" },
            { "zalo-banned", "channel == 'zalo' && 'tier' in session_variables && session_variables.tier == 'banned'", "block" },
            { "profanity", "message.matches('(?i)\\\\b(damn|crap)\\\\b')", "warn" },
            { "crypto", "message.matches('(?i)\\\\b(bitcoin|crypto)\\\\b')", "block" },
            { "password", "message.matches('(?i)password\\\\s*[:=]')", "block" },
            { "url", "message.matches('https?://')", "warn" },
            { "vip", "'tier' in profile_fields && profile_fields.tier == 'vip'", "warn" },
            { "night", "'hour' in session_variables && session_variables.hour == '3'", "warn" },
            { "vn-refund", "message.matches('(?i)hoàn tiền')", "warn" },
            { "ru-refund", "message.matches('(?i)возврат')", "warn" },
            { "email-in", "direction == 'input' && matches.email", "warn" },
            { "phone-in", "direction == 'input' && matches.phone", "warn" } };
        int priority = 100;
        for (String[] r : rules) {
            var made = as(admin(tenantA)).body(body("code", r[0], "condition_expression", r[1], "violation_action", r[2],
                    "priority", priority--)).post("/v1/guardrails").then().extract();
            if (made.statusCode() != 201) {
                throw new AssertionError(r[0] + ": " + made.body().asString());
            }
        }
        String withRules = runtime(tenantA);
        String without = runtime(tenantB);
        for (int i = 0; i < 300; i++) { // warm-up: JIT and the compiled set
            evaluate(withRules, MESSAGES[i % MESSAGES.length]);
            evaluate(without, MESSAGES[i % MESSAGES.length]);
        }
        int n = Integer.getInteger("bench.messages", 2000);
        long[] twenty = new long[n];
        long[] none = new long[n];
        for (int i = 0; i < n; i++) { // alternating, so both see the same moments of the machine
            twenty[i] = evaluate(withRules, MESSAGES[i % MESSAGES.length]);
            none[i] = evaluate(without, MESSAGES[i % MESSAGES.length]);
        }
        print("20 active guardrails", twenty);
        print("no guardrails (baseline)", none);
    }

    private static long evaluate(String token, String message) {
        long t0 = System.nanoTime();
        as(token).body(Map.of("message", message, "direction", "input", "channel", "web",
                "session_variables", Map.of("tier", "regular"), "profile_fields", Map.of("tier", "regular")))
                .post("/v1/guardrails/evaluate").then().statusCode(200);
        return System.nanoTime() - t0;
    }

    private static void print(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "bench: %s: n=%d p50=%.2f ms p95=%.2f ms p99=%.2f ms%n", label, sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.95)] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6);
    }
}
