package dev.agentry.contract;

import dev.agentry.client.catalog.api.FaqApi;
import dev.agentry.client.catalog.api.GuardrailsApi;
import dev.agentry.client.catalog.model.FaqWrite;
import dev.agentry.client.catalog.model.GuardrailWrite;
import dev.agentry.client.conversation.ApiClient;
import dev.agentry.client.conversation.api.SessionsApi;
import dev.agentry.client.conversation.api.TurnsApi;
import dev.agentry.client.conversation.model.SessionCreate;
import dev.agentry.client.conversation.model.TurnRequest;
import dev.agentry.client.conversation.model.TurnResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * By hand (issue 19's benchmark line): a turn's latency through the real packaged suite with the
 * catalog steps (the agent's bot, its FAQ of 20 entries, the offering search, 20 active guardrails on
 * input and output, the semantic cache) beside the same turn on a second conversation-service with
 * {@code turn.catalog-enabled=false}, alternating request by request in one run so the machine's
 * noise falls on both; an authenticated session read on the same instance is the baseline.
 *
 * <pre>
 * ./mvnw -B -q -o -pl contract-tests verify -Dtest=TurnBenchTest -Dbench=true -Dbench.turns=300
 * </pre>
 *
 * Two paths: a message a rule answers (rules, scenarios, memory; with the catalog also bot, FAQ and
 * both guardrail passes), and one nothing answers (with the catalog also the cache lookup; the
 * tenant has no LLM, so config-service answers 409 at once and the fallback speaks).
 */
@ExtendWith(Suite.class)
class TurnBenchTest {

    private static final int TURNS = Integer.getInteger("bench.turns", 300);
    private static final int WARM_UP = Integer.getInteger("bench.warm-up", 40);

    @Test
    @EnabledIfSystemProperty(named = "bench", matches = "true")
    void turnLatencyWithAndWithoutTheCatalogSteps() throws Exception {
        Clients.TenantToken tenant = Clients.newTenant(List.of("tenant-admin", "agent-runtime"));
        UUID agent = Clients.shopAgentWithRefundRule(tenant.token());

        var catalog = Clients.catalog(tenant.token());
        UUID bot = Clients.activeBot(tenant.token(), agent);
        String[] topics = { "delivery times", "gift wrapping", "store locations", "loyalty points", "payment methods",
                "size guides", "warranty claims", "order tracking", "international shipping", "student discounts",
                "product care", "price matching", "click and collect", "newsletter", "account deletion", "invoices",
                "bulk orders", "pre-orders", "back in stock alerts", "recycling old devices" };
        for (String topic : topics) {
            new FaqApi(catalog).createFaq(new FaqWrite().botId(bot).question("What should I know about " + topic + "?")
                    .answer("Everything about " + topic + " is on our help pages."));
        }
        GuardrailsApi guardrails = new GuardrailsApi(catalog);
        for (int i = 0; i < 20; i++) {
            String condition = switch (i % 4) {
                case 0 -> "direction == 'input' && matches.payment_card";
                case 1 -> "direction == 'output' && (matches.email || matches.phone)";
                case 2 -> "message.contains('forbidden-" + i + "')";
                default -> "size(message) > 4000 && channel == 'web'";
            };
            guardrails.createGuardrail(new GuardrailWrite().code("rule-" + i).name("Rule " + i).conditionExpression(condition)
                    .violationAction(i % 4 == 1 ? "redact" : "block").fallbackMessage("Not here, sorry."));
        }

        try (ServiceProcess without = Suite.anotherConversation("conversation-service-no-catalog",
                Map.of("AGENTRY_CONVERSATION_TURN_CATALOG_ENABLED", "false"))) {
            Instance with = new Instance("with catalog", Clients.conversation(tenant.token()), agent);
            Instance plain = new Instance("without catalog", conversationAt(without.baseUri(), tenant.token()), agent);
            Map<String, String> paths = new LinkedHashMap<>();
            paths.put("rule", "I want my money back for the kettle");
            paths.put("fallback", "tell me something about the weather on mars");
            StringBuilder report = new StringBuilder("| path | instance | p50 ms | p95 ms | turns |\n|---|---|---|---|---|\n");
            Map<String, List<Long>> catalogSteps = new LinkedHashMap<>();
            for (var path : paths.entrySet()) {
                for (int i = 0; i < WARM_UP; i++) {
                    with.turn(path.getValue());
                    plain.turn(path.getValue());
                }
                long[] a = new long[TURNS];
                long[] b = new long[TURNS];
                for (int i = 0; i < TURNS; i++) {
                    // Alternate which goes first, so neither always follows the other.
                    if (i % 2 == 0) {
                        a[i] = with.timedTurn(path.getValue(), path.getKey(), catalogSteps);
                        b[i] = plain.timedTurn(path.getValue(), path.getKey(), null);
                    } else {
                        b[i] = plain.timedTurn(path.getValue(), path.getKey(), null);
                        a[i] = with.timedTurn(path.getValue(), path.getKey(), catalogSteps);
                    }
                }
                report.append(row(path.getKey(), with.name, a)).append(row(path.getKey(), plain.name, b));
                report.append(String.format("|  | degraded turns: %d with, %d without |  |  |  |%n", with.degraded, plain.degraded));
                with.degraded = 0;
                plain.degraded = 0;
            }
            long[] reads = new long[TURNS];
            for (int i = 0; i < TURNS; i++) {
                long started = System.nanoTime();
                new SessionsApi(with.client).getSession(with.session);
                reads[i] = System.nanoTime() - started;
            }
            report.append(row("baseline", "GET /v1/sessions/{id}", reads));
            report.append("\nCatalog steps inside the with-catalog turns (decision latency_ms, p50 / p95):\n");
            catalogSteps.forEach((step, values) -> {
                long[] ms = values.stream().mapToLong(Long::longValue).sorted().toArray();
                report.append("- ").append(step).append(": ").append(ms[ms.length / 2]).append(" / ")
                        .append(ms[(int) Math.ceil(ms.length * 0.95) - 1]).append(" ms\n");
            });
            System.out.println(report);
            Path out = Path.of("target/bench-turn.md");
            Files.writeString(out, report);
        }
    }

    private static ApiClient conversationAt(String baseUri, String token) {
        var client = new ApiClient();
        client.updateBaseUri(baseUri);
        return client.setReadTimeout(Duration.ofSeconds(30))
                .setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    }

    private static String row(String path, String instance, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("| %s | %s | %.1f | %.1f | %d |%n", path, instance, sorted[sorted.length / 2] / 1e6,
                sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1e6, sorted.length);
    }

    /** One conversation-service instance with a session of its own. */
    private static final class Instance {
        final String name;
        final ApiClient client;
        final UUID session;
        final TurnsApi turns;
        int degraded;

        Instance(String name, ApiClient client, UUID agent) throws Exception {
            this.name = name;
            this.client = client;
            this.session = new SessionsApi(client).createSession(new SessionCreate().agentId(agent).channel("web")
                    .userChannelId("bench-" + UUID.randomUUID())).getSessionId();
            this.turns = new TurnsApi(client);
        }

        TurnResult turn(String message) throws Exception {
            return turns.takeTurn(session, new TurnRequest().message(message));
        }

        /** One turn's wall time; checks it took the expected path and nothing degraded. */
        long timedTurn(String message, String expectedSource, Map<String, List<Long>> steps) throws Exception {
            long started = System.nanoTime();
            TurnResult result = turn(message);
            long took = System.nanoTime() - started;
            if (!expectedSource.equals(result.getResponseSource()) && result.getDegraded().isEmpty()) {
                throw new AssertionError(name + ": answered from " + result.getResponseSource() + ", not " + expectedSource);
            }
            if (!result.getDegraded().isEmpty()) {
                degraded++; // a dependency over its call timeout on this busy machine: counted, reported
            }
            if (steps != null && result.getDecision() != null && result.getDecision().get("latency_ms") instanceof Map<?, ?> latency) {
                for (String step : List.of("bot", "faq", "offerings", "guardrails_input", "guardrails_output", "cache")) {
                    if (latency.get(step) instanceof Number n) {
                        steps.computeIfAbsent(expectedSource + " " + step, k -> new ArrayList<>()).add(n.longValue());
                    }
                }
            }
            return took;
        }
    }
}
