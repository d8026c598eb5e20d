package dev.agentry.config.llm;

import static dev.agentry.config.ConfigTestSupport.as;
import static dev.agentry.config.ConfigTestSupport.createTenant;
import static dev.agentry.config.ConfigTestSupport.platformAdmin;
import static dev.agentry.config.ConfigTestSupport.tenantAdmin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/llm/chat-completions} against a stand-in OpenAI-compatible provider on the port
 * the test profile names (agentry.config.llm.provider-urls.openai): the tenant's own key and model
 * reach the provider and nothing else does; the plan's monthly tokens are checked and counted; a
 * provider failure is a 502 problem; a tenant without an LLM configuration gets 409.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ChatCompletionResourceTest {

    static final String KEY = "sk-tenant-own-key-0001";
    static final List<JsonObject> RECEIVED = new CopyOnWriteArrayList<>();
    static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();
    static final AtomicInteger FAIL = new AtomicInteger();
    static Vertx vertx;

    @BeforeAll
    static void provider() throws Exception {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            RECEIVED.add(body.toJsonObject());
            AUTHORIZATIONS.add(request.getHeader("Authorization"));
            if (FAIL.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                request.response().setStatusCode(500).end("{\"error\":{\"message\":\"overloaded\"}}");
                return;
            }
            if (body.toJsonObject().getBoolean("stream", false)) {
                streamAnswer(request.response());
                return;
            }
            request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                    .put("choices", List.of(Map.of("message", Map.of("role", "assistant", "content", "Reset it in Settings [1]."))))
                    .put("usage", Map.of("prompt_tokens", 20, "completion_tokens", 15)).encode());
        })).listen(18999, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(18999, server.actualPort());
    }

    /** As an OpenAI-compatible provider streams: a delta per chunk, 50 ms apart, then the usage, then [DONE]. */
    static void streamAnswer(io.vertx.core.http.HttpServerResponse response) {
        response.setChunked(true).putHeader("Content-Type", "text/event-stream");
        List<String> pieces = List.of("Reset ", "it in ", "Settings [1].");
        for (int i = 0; i <= pieces.size(); i++) {
            int n = i;
            vertx.setTimer(50L * (i + 1), t -> {
                if (n < pieces.size()) {
                    response.write("data: " + new JsonObject().put("choices", List.of(Map.of("index", 0, "delta",
                            Map.of("content", pieces.get(n))))).encode() + "\n\n");
                } else {
                    response.write("data: " + new JsonObject().put("choices", List.of()).put("usage",
                            Map.of("prompt_tokens", 20, "completion_tokens", 15)).encode() + "\n\n");
                    response.end("data: [DONE]\n\n");
                }
            });
        }
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    private static Map<String, Object> chat(String question) {
        return Map.of("messages", List.of(Map.of("role", "system", "content", "Answer from the articles."),
                Map.of("role", "user", "content", question)), "max_tokens", 200, "temperature", 0.2);
    }

    private static String model(String name) {
        return as(platformAdmin()).body(Map.of("provider", "openai", "model_name", name, "context_window", 128000,
                "cost_per_1k_input_tokens", 0.001, "cost_per_1k_output_tokens", 0.002)).post("/v1/llm-models").then()
                .statusCode(201).extract().path("id");
    }

    @Test
    void theTenantsOwnModelAndKeyAnswerAndTheTokensAreCounted() {
        UUID tenant = createTenant("chat");
        String modelName = "chat-model-" + UUID.randomUUID().toString().substring(0, 8);
        String model = model(modelName);
        as(tenantAdmin(tenant)).body(Map.of("llm_model_id", model, "api_key", KEY)).put("/v1/llm-config").then().statusCode(200);
        String runtime = TestTokens.forTenant(tenant, Roles.AGENT_RUNTIME);
        RECEIVED.clear();
        AUTHORIZATIONS.clear();
        as(runtime).body(chat("How do I reset my password?")).post("/v1/llm/chat-completions").then().statusCode(200)
                .body("content", equalTo("Reset it in Settings [1].")).body("provider", equalTo("openai"))
                .body("input_tokens", equalTo(20)).body("output_tokens", equalTo(15)).body("cost_usd", equalTo(0.00005f));
        assertEquals(List.of("Bearer " + KEY), AUTHORIZATIONS);
        JsonObject sent = RECEIVED.get(0);
        assertEquals(modelName, sent.getString("model"));
        assertEquals(200, sent.getInteger("max_tokens"));
        assertEquals("user", sent.getJsonArray("messages").getJsonObject(1).getString("role"));

        // The plan's monthly tokens: 35 are used; a budget of 30 refuses the next call before the provider sees it.
        as(platformAdmin()).body(Map.of("limits", Map.of("max_agents", 10, "max_daily_requests", 100000, "max_monthly_tokens", 30))).patch("/v1/tenants/" + tenant).then().statusCode(200);
        int before = RECEIVED.size();
        as(runtime).body(chat("again")).post("/v1/llm/chat-completions").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", org.hamcrest.Matchers.notNullValue());
        assertEquals(before, RECEIVED.size());
        as(platformAdmin()).body(Map.of("limits", Map.of("max_agents", 10, "max_daily_requests", 100000, "max_monthly_tokens", 1000000))).patch("/v1/tenants/" + tenant).then()
                .statusCode(200);

        // A provider failure is a 502 problem that never shows the key.
        FAIL.set(1);
        as(runtime).body(chat("fail")).post("/v1/llm/chat-completions").then().statusCode(502).contentType("application/problem+json")
                .body("detail", containsString("500")).body("detail", org.hamcrest.Matchers.not(containsString(KEY)));
        // Viewers do not spend the tenant's tokens.
        as(TestTokens.forTenant(tenant, Roles.VIEWER)).body(chat("x")).post("/v1/llm/chat-completions").then().statusCode(403);
    }

    @Test
    void aStreamedCompletionRelaysTheProvidersTokensAndCountsThem() {
        UUID tenant = createTenant("chat-stream");
        String modelName = "stream-model-" + UUID.randomUUID().toString().substring(0, 8);
        as(tenantAdmin(tenant)).body(Map.of("llm_model_id", model(modelName), "api_key", KEY)).put("/v1/llm-config").then()
                .statusCode(200);
        String runtime = TestTokens.forTenant(tenant, Roles.AGENT_RUNTIME);
        RECEIVED.clear();
        AUTHORIZATIONS.clear();

        String events = as(runtime).accept("text/event-stream").body(chat("How do I reset my password?"))
                .post("/v1/llm/chat-completions").then().statusCode(200).contentType(containsString("text/event-stream"))
                .extract().asString();
        // Each piece as a token event, in order, then the whole answer with the provider's counts.
        List<String> tokens = new java.util.ArrayList<>();
        JsonObject done = null;
        String name = null;
        for (String line : events.split("\n")) {
            if (line.startsWith("event:")) {
                name = line.substring("event:".length()).strip();
            } else if (line.startsWith("data:")) {
                JsonObject data = new JsonObject(line.substring("data:".length()).strip());
                if ("token".equals(name)) {
                    tokens.add(data.getString("content"));
                } else if ("done".equals(name)) {
                    done = data;
                }
            }
        }
        assertEquals(List.of("Reset ", "it in ", "Settings [1]."), tokens);
        assertEquals("Reset it in Settings [1].", done.getString("content"));
        assertEquals(20, done.getInteger("input_tokens"));
        assertEquals(15, done.getInteger("output_tokens"));
        assertEquals(modelName, done.getString("model"));
        org.junit.jupiter.api.Assertions.assertFalse(events.contains(KEY), "the key never leaves");

        // The provider was asked to stream, with the tenant's model and key only.
        assertEquals(List.of("Bearer " + KEY), AUTHORIZATIONS);
        JsonObject sent = RECEIVED.get(0);
        assertEquals(true, sent.getBoolean("stream"));
        assertEquals(true, sent.getJsonObject("stream_options").getBoolean("include_usage"));
        assertEquals(modelName, sent.getString("model"));
        assertEquals("How do I reset my password?", sent.getJsonArray("messages").getJsonObject(1).getString("content"));

        // The 35 streamed tokens counted: a budget of 30 refuses the next stream before the provider sees it, with
        // an ordinary problem (checked before the event stream starts).
        as(platformAdmin()).body(Map.of("limits", Map.of("max_agents", 10, "max_daily_requests", 100000, "max_monthly_tokens", 30)))
                .patch("/v1/tenants/" + tenant).then().statusCode(200);
        as(runtime).accept("text/event-stream").body(chat("again")).post("/v1/llm/chat-completions").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("detail", containsString("max_monthly_tokens"));
        assertEquals(1, RECEIVED.size());
        as(platformAdmin()).body(Map.of("limits", Map.of("max_agents", 10, "max_daily_requests", 100000, "max_monthly_tokens", 1000000)))
                .patch("/v1/tenants/" + tenant).then().statusCode(200);

        // "stream": true asks for events: without the Accept header that reads them, 406 and no call.
        Map<String, Object> streamed = new java.util.HashMap<>(chat("x"));
        streamed.put("stream", true);
        as(runtime).body(streamed).post("/v1/llm/chat-completions").then().statusCode(406).contentType("application/problem+json")
                .body("detail", containsString("text/event-stream"));
        as(runtime).accept("text/event-stream").body(streamed).post("/v1/llm/chat-completions").then().statusCode(200);
        // A provider that refuses, once the stream has started, is its error event (the problem, never the key);
        // viewers and another tenant's LLM-less runtime are refused with problems.
        FAIL.set(1);
        as(runtime).accept("text/event-stream").body(chat("fail")).post("/v1/llm/chat-completions").then().statusCode(200)
                .body(containsString("event:error")).body(containsString("answered 500"))
                .body(org.hamcrest.Matchers.not(containsString(KEY)));
        as(TestTokens.forTenant(tenant, Roles.VIEWER)).accept("text/event-stream").body(chat("x")).post("/v1/llm/chat-completions")
                .then().statusCode(403);
        UUID other = createTenant("chat-stream-other");
        int before = RECEIVED.size();
        as(TestTokens.forTenant(other, Roles.AGENT_RUNTIME)).accept("text/event-stream").body(chat("x"))
                .post("/v1/llm/chat-completions").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("no LLM configured"));
        assertEquals(before, RECEIVED.size(), "another tenant's runtime never reaches this tenant's provider");
    }

    @Test
    void aTenantWithoutAnLlmAndBadBodiesAreRefused() {
        UUID tenant = createTenant("chat-none");
        String runtime = TestTokens.forTenant(tenant, Roles.AGENT_RUNTIME);
        int before = RECEIVED.size();
        as(runtime).body(chat("hello")).post("/v1/llm/chat-completions").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("no LLM configured"));
        as(runtime).body(Map.of("messages", List.of())).post("/v1/llm/chat-completions").then().statusCode(400);
        as(runtime).body(Map.of("messages", List.of(Map.of("role", "robot", "content", "x")))).post("/v1/llm/chat-completions").then()
                .statusCode(400).body("errors[0].field", containsString("role"));
        as(runtime).body(Map.of("messages", List.of(Map.of("role", "user", "content", "x")), "temperature", 3))
                .post("/v1/llm/chat-completions").then().statusCode(400);
        assertEquals(before, RECEIVED.size());
    }
}
