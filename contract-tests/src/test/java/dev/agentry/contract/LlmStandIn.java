package dev.agentry.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible chat-completion provider on a local port, the one config-service is told of
 * ({@code agentry.config.llm.provider-urls.openai}): it answers {@code POST /v1/chat/completions}
 * with a fixed answer, as one JSON document or, when asked with {@code "stream": true}, as SSE
 * chunks (one delta per word, the usage in the last chunk, then {@code [DONE]}). It keeps every
 * request (its Authorization header and body) for the test to check what the provider was told,
 * and with which key.
 */
final class LlmStandIn implements AutoCloseable {

    /** What the stand-in answers; its words are the streamed deltas. */
    static final String ANSWER = "Our store opens at nine and closes at six.";

    /** One request as the provider received it. */
    record Call(String authorization, JsonNode body) {

        /** The messages' contents, in order, as "role: content". */
        List<String> messages() {
            return java.util.stream.StreamSupport.stream(body.path("messages").spliterator(), false)
                    .map(m -> m.path("role").asText() + ": " + m.path("content").asText()).toList();
        }

        boolean streamed() {
            return body.path("stream").asBoolean(false);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private LlmStandIn(HttpServer server) {
        this.server = server;
    }

    static LlmStandIn start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        LlmStandIn standIn = new LlmStandIn(server);
        server.createContext("/v1/chat/completions", standIn::answer);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return standIn;
    }

    /** The base URL config-service is given: it appends {@code /chat/completions}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    void clear() {
        calls.clear();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            calls.add(new Call(exchange.getRequestHeaders().getFirst("Authorization"), body));
            String model = body.path("model").asText("stand-in");
            if (body.path("stream").asBoolean(false)) {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                String[] words = ANSWER.split("(?<= )");
                for (String word : words) {
                    send(out, Map.of("model", model, "choices", List.of(Map.of("index", 0, "delta", Map.of("content", word)))));
                }
                send(out, Map.of("model", model, "choices", List.of(), "usage", Map.of("prompt_tokens", 42, "completion_tokens",
                        words.length, "total_tokens", 42 + words.length)));
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                return;
            }
            byte[] answer = JSON.writeValueAsBytes(Map.of("id", "chatcmpl-stand-in", "object", "chat.completion", "model", model,
                    "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", ANSWER), "finish_reason",
                            "stop")),
                    "usage", Map.of("prompt_tokens", 42, "completion_tokens", 9, "total_tokens", 51)));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    private static void send(OutputStream out, Object chunk) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
