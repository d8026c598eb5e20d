package dev.agentry.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.client.catalog.api.FaqApi;
import dev.agentry.client.catalog.model.FaqWrite;
import dev.agentry.client.conversation.ApiClient;
import dev.agentry.client.conversation.api.SessionsApi;
import dev.agentry.client.conversation.api.TurnsApi;
import dev.agentry.client.conversation.model.SessionCreate;
import dev.agentry.client.conversation.model.TurnRequest;
import dev.agentry.client.conversation.model.TurnResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same turns over both transports of the turn's hot calls: one conversation-service takes
 * them over gRPC ({@code agentry.conversation.turn.transport.*=grpc}), another over REST. Each
 * answers the refund rule, the bot's FAQ and the fallback alike, with nothing degraded,
 * and the serving services' gRPC metrics show which transport carried the calls: every gRPC
 * operation ran for the first instance and none for the second.
 */
@ExtendWith(Suite.class)
class TurnTransportTest {

    /** The gRPC operations a turn makes, by the service that serves them. */
    private static Map<String, List<String>> operations() {
        return Map.of(
                Suite.profileUri(), List.of("Resolve"),
                Suite.configUri(), List.of("MatchRules", "MatchScenarios", "GetRuntimeConfig"),
                Suite.memoryUri(), List.of("Search"),
                Suite.catalogUri(), List.of("SearchOfferings", "SearchFaq"));
    }

    @Test
    void theTurnsAnswerAlikeOverGrpcAndOverRest() throws Exception {
        Clients.TenantToken tenant = Clients.newTenant(List.of("tenant-admin", "agent-runtime"));
        UUID agent = Clients.shopAgentWithRefundRule(tenant.token());
        var catalog = Clients.catalog(tenant.token());
        UUID bot = Clients.activeBot(tenant.token(), agent);
        new FaqApi(catalog).createFaq(new FaqWrite().botId(bot).question("What are your opening hours?")
                .answer("We open at nine every day."));

        Map<String, String> allGrpc = new HashMap<>();
        for (String dependency : List.of("PROFILE", "CONFIG", "MEMORY", "CATALOG")) {
            allGrpc.put("AGENTRY_CONVERSATION_TURN_TRANSPORT_" + dependency, "grpc");
        }
        Map<String, Long> before = grpcCalls();
        List<TurnResult> overGrpc;
        try (ServiceProcess grpcInstance = Suite.anotherConversation("conversation-service-grpc", allGrpc)) {
            overGrpc = turns(grpcInstance.baseUri(), tenant.token(), agent);
        }
        Map<String, Long> afterGrpc = grpcCalls();
        for (Map.Entry<String, Long> operation : afterGrpc.entrySet()) {
            assertTrue(operation.getValue() > before.getOrDefault(operation.getKey(), 0L),
                    () -> operation.getKey() + " was not called over gRPC: " + afterGrpc);
        }

        Map<String, String> rest = new HashMap<>();
        for (String dependency : List.of("PROFILE", "CONFIG", "MEMORY", "CATALOG")) {
            rest.put("AGENTRY_CONVERSATION_TURN_TRANSPORT_" + dependency, "rest");
        }
        List<TurnResult> overRest;
        try (ServiceProcess restInstance = Suite.anotherConversation("conversation-service-rest", rest)) {
            overRest = turns(restInstance.baseUri(), tenant.token(), agent);
        }
        assertEquals(afterGrpc, grpcCalls(), "the REST instance made no gRPC call");

        for (int i = 0; i < overGrpc.size(); i++) {
            TurnResult grpc = overGrpc.get(i);
            TurnResult viaRest = overRest.get(i);
            assertEquals(viaRest.getResponseSource(), grpc.getResponseSource());
            assertEquals(viaRest.getResponse(), grpc.getResponse());
            assertEquals(viaRest.getDecision().get("rules"), grpc.getDecision().get("rules"), "the same rules, with the same scores");
        }
    }

    /** A session's three turns: the rule, the FAQ, the fallback; none degraded. */
    private static List<TurnResult> turns(String conversationUri, String token, UUID agent) throws Exception {
        var client = new ApiClient();
        client.updateBaseUri(conversationUri);
        client.setReadTimeout(Duration.ofSeconds(30)).setRequestInterceptor(r -> r.header("Authorization", "Bearer " + token));
        UUID session = new SessionsApi(client).createSession(new SessionCreate().agentId(agent).channel("web")
                .userChannelId("visitor-" + UUID.randomUUID())).getSessionId();
        TurnsApi turns = new TurnsApi(client);
        TurnResult ruled = turns.takeTurn(session, new TurnRequest().message("I want my money back"));
        assertEquals("rule", ruled.getResponseSource(), () -> "decision: " + ruled.getDecision());
        assertEquals("Refunds are paid back within five working days.", ruled.getResponse());
        TurnResult faq = turns.takeTurn(session, new TurnRequest().message("When are you open?"));
        assertEquals("faq", faq.getResponseSource(), () -> "decision: " + faq.getDecision());
        assertEquals("We open at nine every day.", faq.getResponse());
        TurnResult unanswered = turns.takeTurn(session, new TurnRequest().message("tell me about the weather on mars"));
        assertEquals("fallback", unanswered.getResponseSource());
        for (TurnResult turn : List.of(ruled, faq, unanswered)) {
            assertEquals(List.of(), turn.getDegraded(), () -> "decision: " + turn.getDecision());
        }
        return List.of(ruled, faq, unanswered);
    }

    /** Completed gRPC calls per {@code service/operation}, from each serving service's Prometheus metrics. */
    private static Map<String, Long> grpcCalls() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, Long> calls = new HashMap<>();
        for (Map.Entry<String, List<String>> service : operations().entrySet()) {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(service.getKey() + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String operation : service.getValue()) {
                long count = 0;
                for (String line : metrics.split("\n")) {
                    if (line.startsWith("grpc_server_processing_duration_seconds_count{") && line.contains("method=\"" + operation + "\"")) {
                        count += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
                calls.put(service.getKey() + "/" + operation, count);
            }
        }
        return calls;
    }
}
