package dev.agentry.conversation;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * config-, profile- and memory-service stood in for by one local HTTP server that speaks the parts
 * of their APIs the turn pipeline and the support desk call, with the same JSON shapes; each can be
 * made to fail (500) or to be slow, and every call is kept so a test can see what was sent (and
 * with which token). It also receives the support desk's escalation webhooks ({@code /hooks/...}).
 */
public class StandInServices implements QuarkusTestResourceLifecycleManager {

    /** How a stood-in service answers. */
    public enum Mode {
        OK, DOWN, SLOW
    }

    public static final UUID PROFILE_ID = UUID.fromString("01a00000-0000-7000-8000-00000000c0de");
    public static final UUID SCENARIO_ID = UUID.fromString("01a00000-0000-7000-8000-0000000005ce");
    public static final UUID EPISODE_ID = UUID.fromString("01a00000-0000-7000-8000-0000000000e1");
    public static final String RULE_RESPONSE = "Refunds are paid back within five working days.";
    /** The one knowledge collection memory-service knows; the users config-service knows. */
    public static final UUID KB_COLLECTION_ID = UUID.fromString("01a00000-0000-7000-8000-0000000000cb");
    public static final java.util.Set<UUID> USERS = ConcurrentHashMap.newKeySet();
    public static final String PASSWORD_ANSWER = "To reset your password, open Settings, then Security, and choose Reset password.";
    public static final UUID PASSWORD_CHUNK = UUID.fromString("01a00000-0000-7000-8000-0000000c0001");

    public static final Map<String, Mode> MODES = new ConcurrentHashMap<>();
    /** Every call received: path, Authorization header and body. */
    public static final List<Map<String, Object>> CALLS = new CopyOnWriteArrayList<>();

    /** The stand-ins' own Vert.x, for the slow answers' timers. */
    private static final java.util.concurrent.atomic.AtomicReference<Vertx> TIMER = new java.util.concurrent.atomic.AtomicReference<>();

    /** The stand-ins' base URL, {@code http://127.0.0.1:<port>}. */
    public static final java.util.concurrent.atomic.AtomicReference<String> BASE = new java.util.concurrent.atomic.AtomicReference<>();

    private Vertx vertx;
    private HttpServer server;

    public static void reset() {
        // The app's circuit breakers outlive a test: one test's failures must not skip the next one's calls.
        io.quarkus.arc.Arc.container().instance(io.smallrye.faulttolerance.api.CircuitBreakerMaintenance.class).get().resetAll();
        MODES.clear();
        CALLS.clear();
        PIECE_GAP_MS.set(50);
        LLM_CONFIGURED.set(false);
        CACHED_ANSWER.set(null);
        BOT.set(false);
        FAQ_ANSWER.set(null);
        NO_RULES.set(false);
        TEMPLATES.clear();
        VARIABLES.clear();
        GENERATION.set(1);
        CURRENT_VERSION.set(2);
        PLANS.clear();
    }

    /** The refund scenario's current version in the runtime config; versions 2 to 4 can be read. */
    public static final java.util.concurrent.atomic.AtomicInteger CURRENT_VERSION = new java.util.concurrent.atomic.AtomicInteger(2);
    /** A new current version of the refund scenario, written as config-service writes it: the tenant's generation moves too. */
    public static void scenarioVersionWritten(int version) {
        CURRENT_VERSION.set(version);
        GENERATION.incrementAndGet();
    }

    /** Deployed migration plans of the refund scenario by from_version (config-service's {@code MigrationPlan}). */
    public static final Map<Integer, JsonObject> PLANS = new ConcurrentHashMap<>();

    /** The id of the refund scenario's entry step at a version: ask_order (2), get_order (3), find_order (4). */
    public static String entryStep(int version) {
        return switch (version) {
            case 3 -> "get_order";
            case 4 -> "find_order";
            default -> "ask_order";
        };
    }

    /**
     * A deployed plan from {@code from} to {@code to}: {@code map} takes each old step to a new one
     * ({@code {"action": "map", "to_step": ...}} or a policy), as config-service serialises it.
     */
    public static JsonObject plan(int from, int to, Map<String, JsonObject> map, String unmappedStep, boolean preserveVariables,
            JsonObject scopeFilter) {
        JsonObject transformation = new JsonObject();
        map.forEach(transformation::put);
        return new JsonObject().put("id", UUID.randomUUID().toString()).put("scenario_id", SCENARIO_ID.toString())
                .put("from_version", from).put("to_version", to).put("status", "deployed").put("transformation_map", transformation)
                .put("anchor_policies", new JsonObject().put("unmapped_step", unmappedStep).put("preserve_variables", preserveVariables))
                .put("scope_filter", scopeFilter).put("created_by", "admin").put("approved_by", "admin").put("deployed_by", "admin")
                .put("rejected_by", null).put("created_at", "2026-12-01T09:00:00Z").put("updated_at", "2026-12-01T09:00:00Z")
                .put("approved_at", "2026-12-01T09:00:00Z").put("deployed_at", "2026-12-01T09:00:00Z").put("rejected_at", null);
    }

    public static JsonObject mapTo(String step) {
        return new JsonObject().put("action", "map").put("to_step", step);
    }

    public static JsonObject policy(String action) {
        return new JsonObject().put("action", action).put("to_step", null);
    }

    /** The agent's templates and variables in the runtime config (config-service's {@code Template} and {@code Variable}). */
    public static final List<JsonObject> TEMPLATES = new CopyOnWriteArrayList<>();
    public static final List<JsonObject> VARIABLES = new CopyOnWriteArrayList<>();
    /** The tenant's configuration generation the runtime config names ({@code <tenant>.<platform>}, here {@code N.0}). */
    public static final java.util.concurrent.atomic.AtomicInteger GENERATION = new java.util.concurrent.atomic.AtomicInteger(1);

    /** A template as config-service serialises it: modes and scopes lower case (its JSON conventions). */
    public static JsonObject template(String name, String content, String mode, String scope, UUID scopeId, String stepId,
            String... placeholders) {
        return new JsonObject().put("id", UUID.randomUUID().toString()).put("agent_id", UUID.randomUUID().toString())
                .put("name", name).put("content", content).put("placeholders", new JsonArray(List.of((Object[]) placeholders)))
                .put("mode", mode).put("scope", scope).put("scope_id", scopeId == null ? null : scopeId.toString())
                .put("scope_step_id", stepId).put("created_at", "2026-12-01T09:00:00Z").put("updated_at", "2026-12-01T09:00:00Z");
    }

    /** A variable as config-service serialises it. */
    public static JsonObject variable(String name, Object defaultValue, String policy) {
        return new JsonObject().put("id", UUID.randomUUID().toString()).put("agent_id", UUID.randomUUID().toString())
                .put("name", name).put("description", null).put("default_value", defaultValue).put("update_policy", policy)
                .put("resolver_tool_id", null).put("created_at", "2026-12-01T09:00:00Z").put("updated_at", "2026-12-01T09:00:00Z");
    }

    private static JsonObject runtimeConfig(String agentId) {
        return new JsonObject()
                .put("agent", new JsonObject().put("id", agentId).put("name", "Shop assistant"))
                .put("rule_ids", new JsonArray()).put("rule_ids_truncated", false)
                .put("scenarios", new JsonArray().add(new JsonObject().put("scenario_id", SCENARIO_ID.toString()).put("name", "Refund")
                        .put("version", CURRENT_VERSION.get()).put("entry_step_id", entryStep(CURRENT_VERSION.get()))))
                .put("templates", new JsonArray(List.copyOf(TEMPLATES))).put("variables", new JsonArray(List.copyOf(VARIABLES)))
                .put("tools", new JsonArray()).put("output_format", null).put("llm_config", null)
                .put("generation", GENERATION.get() + ".0").put("built_at", "2026-12-04T09:00:00Z");
    }

    /** While set, config-service's rule match finds nothing (so the scenario step's words or the LLM answer). */
    public static final java.util.concurrent.atomic.AtomicBoolean NO_RULES = new java.util.concurrent.atomic.AtomicBoolean();

    /** The refund scenario's steps at version 2 (the version scenario match answers), as config-service's {@code ScenarioStep}s. */
    public static final String STEP_ASK_ORDER = "Which order is it? Please tell me its number.";
    public static final String STEP_CONFIRM = "Thanks, I have your order. Shall I refund it?";
    public static final String DONE_INSTRUCTIONS = "Your refund is on its way.";
    public static final String CONFIRM_INSTRUCTIONS = "Confirm the order number and ask whether to refund it.";

    static JsonArray refundSteps(int version) {
        String entry = entryStep(version);
        return new JsonArray()
                .add(step(entry, "Ask for the order", true, "Ask for the order number.", STEP_ASK_ORDER, new JsonArray()
                        .add(transition("confirm", "slot:order_number")).add(transition("handoff", "contains:agent|human"))))
                .add(step("confirm", "Confirm", false, CONFIRM_INSTRUCTIONS, STEP_CONFIRM, new JsonArray()
                        .add(transition("done", "contains:yes|please do")).add(transition(entry, "contains:wrong order"))))
                // As config-service writes a step created without transitions: null, not [] (a
                // version with one broke the parser in contract-tests while this said []).
                .add(step("done", "Refunded", false, DONE_INSTRUCTIONS, null, null))
                .add(step("handoff", "Hand off", false, "Say a colleague will take over.", null, null));
    }

    private static JsonObject step(String id, String name, boolean entry, String instructions, String response, JsonArray transitions) {
        JsonObject step = new JsonObject().put("id", id).put("name", name).put("description", null).put("entry", entry)
                .put("instructions", instructions).put("transitions", transitions)
                .put("metadata", response == null ? null : new JsonObject().put("response", response));
        if (entry) {
            // The step that asks for the order declares an extractor for the agent's variable order_ref.
            step.getJsonObject("metadata").put("extract", new JsonObject().put("order_ref", "order_number"));
        }
        return step;
    }

    private static JsonObject transition(String to, String condition) {
        return new JsonObject().put("to", to).put("condition", condition);
    }

    /** config-service's {@code ApplicablePlan}: the deployed plan from {@code from_version} whose channels hold the session's channel. */
    private static JsonObject applicable(Map<String, String> query) {
        int from = Integer.parseInt(query.get("from_version"));
        String channel = query.get("channel");
        JsonObject plan = PLANS.get(from);
        if (plan != null && channel != null && plan.getJsonObject("scope_filter") != null) {
            JsonArray channels = plan.getJsonObject("scope_filter").getJsonArray("channels");
            if (channels != null && !channels.isEmpty() && !channels.contains(channel)) {
                plan = null;
            }
        }
        return new JsonObject().put("scenario_id", SCENARIO_ID.toString()).put("from_version", from)
                .put("current_version", CURRENT_VERSION.get()).put("plan", plan);
    }

    /** config-service's {@code ScenarioVersion} of the refund scenario. */
    private static JsonObject scenarioVersion(int version) {
        return new JsonObject().put("version", version).put("current", version == CURRENT_VERSION.get()).put("archived_at", null)
                .put("scenario", new JsonObject().put("id", SCENARIO_ID.toString()).put("agent_id", UUID.randomUUID().toString())
                        .put("name", "Refund").put("description", null).put("version", version)
                        .put("entry_condition", "The customer wants a refund").put("embedding_model", "all-MiniLM-L6-v2")
                        .put("steps", refundSteps(version)).put("entry_step_id", entryStep(version)).put("enabled", true)
                        .put("created_at", "2026-12-01T09:00:00Z").put("updated_at", "2026-12-01T09:00:00Z"));
    }

    /** Whether the agent has an active bot in catalog-service, and what its FAQ answers (0.86 similarity) while set. */
    public static final java.util.concurrent.atomic.AtomicBoolean BOT = new java.util.concurrent.atomic.AtomicBoolean();
    public static final java.util.concurrent.atomic.AtomicReference<String> FAQ_ANSWER = new java.util.concurrent.atomic.AtomicReference<>();
    /** What catalog-service's offering search finds for any message. */
    public static final UUID OFFERING_ID = UUID.fromString("01a00000-0000-7000-8000-0000000000f1");
    public static final String OFFERING_NAME = "Steel kettle K2";
    public static final UUID BOT_ID = UUID.fromString("01a00000-0000-7000-8000-0000000000b0");
    public static final UUID BOT_VERSION_ID = UUID.fromString("01a00000-0000-7000-8000-0000000000b1");

    /** What catalog-service's semantic cache answers (a hit) while set; a miss while null. */
    public static final java.util.concurrent.atomic.AtomicReference<String> CACHED_ANSWER = new java.util.concurrent.atomic.AtomicReference<>();
    public static final String GUARDRAIL_FALLBACK = "I can't help with that.";

    /** Whether the tenant "has" an LLM in config-service: without one, chat completions are 409. */
    public static final java.util.concurrent.atomic.AtomicBoolean LLM_CONFIGURED = new java.util.concurrent.atomic.AtomicBoolean();
    public static final String LLM_ANSWER = "You can reset it from Settings, then Security [1].";

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        TIMER.set(vertx);
        try {
            server = vertx.createHttpServer().requestHandler(StandInServices::handle).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("stand-in services did not start", e);
        }
        String base = "http://127.0.0.1:" + server.actualPort();
        BASE.set(base);
        // The webhook receiver is this server on 127.0.0.1, which production refuses (SSRF).
        return Map.of("agentry.conversation.turn.config-url", base, "agentry.conversation.turn.profile-url", base,
                "agentry.conversation.turn.memory-url", base, "agentry.conversation.turn.catalog-url", base,
                "agentry.conversation.turn.call-timeout", "PT0.5S", "agentry.conversation.turn.breaker.delay", "PT3S",
                "agentry.conversation.support.allow-private-hosts", "true");
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }

    private static void handle(HttpServerRequest request) {
        request.body().onSuccess(buffer -> {
            String path = request.path();
            JsonObject body = buffer.length() == 0 ? new JsonObject() : buffer.toJsonObject();
            String service = serviceOf(path);
            CALLS.add(Map.of("path", path, "authorization", String.valueOf(request.getHeader("Authorization")), "body", body,
                    "service", service, "traceparent", String.valueOf(request.getHeader("traceparent")),
                    "accept", String.valueOf(request.getHeader("Accept"))));
            // Scenario reads are config-service's, and can also be failed alone ("scenario_versions").
            Mode mode = path.startsWith("/v1/scenarios/") ? MODES.getOrDefault("scenario_versions", MODES.getOrDefault(service, Mode.OK))
                    : MODES.getOrDefault(service, Mode.OK);
            if (mode == Mode.DOWN) {
                request.response().setStatusCode(500).putHeader("Content-Type", "application/problem+json")
                        .end(new JsonObject().put("status", 500).encode());
                return;
            }
            if (path.startsWith("/v1/semantic-cache") && body.getString("language") == null) {
                // As catalog-service: the cache's scope includes the language, required.
                request.response().setStatusCode(400).putHeader("Content-Type", "application/problem+json")
                        .end(new JsonObject().put("status", 400).put("detail", "language: must not be null").encode());
                return;
            }
            if (path.equals("/v1/llm/chat-completions") && !LLM_CONFIGURED.get()) {
                request.response().setStatusCode(409).putHeader("Content-Type", "application/problem+json")
                        .end(new JsonObject().put("status", 409).put("detail", "this tenant has no LLM configured").encode());
                return;
            }
            if (path.equals("/v1/llm/chat-completions") && String.valueOf(request.getHeader("Accept")).contains("text/event-stream")) {
                streamAnswer(request, mode == Mode.SLOW ? 2_000 : 0);
                return;
            }
            Map<String, String> query = new java.util.HashMap<>();
            request.params().forEach(e -> query.put(e.getKey(), e.getValue()));
            JsonObject answer = answer(path, body, query);
            int status = answer == null ? 404 : path.equals("/v1/episodes") ? 201 : 200;
            Runnable reply = () -> request.response().setStatusCode(status)
                    .putHeader("Content-Type", answer == null ? "application/problem+json" : "application/json")
                    .end((answer == null ? new JsonObject().put("status", 404) : answer).encode());
            if (mode == Mode.SLOW) {
                TIMER.get().setTimer(2_000, id -> reply.run());
            } else {
                reply.run();
            }
        });
    }

    /** The pieces config-service relays of {@link #LLM_ANSWER} when a completion is streamed. */
    public static final List<String> LLM_PIECES = List.of("You can reset it ", "from Settings, ", "then Security [1].");
    /** The gap between two streamed pieces, in ms. */
    public static final java.util.concurrent.atomic.AtomicLong PIECE_GAP_MS = new java.util.concurrent.atomic.AtomicLong(50);

    /** As config-service streams a completion: a token event per piece, then done with the whole answer. */
    private static void streamAnswer(HttpServerRequest request, long firstDelayMs) {
        io.vertx.core.http.HttpServerResponse response = request.response().setChunked(true)
                .putHeader("Content-Type", "text/event-stream");
        long gap = PIECE_GAP_MS.get();
        for (int i = 0; i <= LLM_PIECES.size(); i++) {
            int n = i;
            TIMER.get().setTimer(firstDelayMs + gap * (i + 1), t -> {
                if (response.closed()) {
                    return;
                }
                if (n < LLM_PIECES.size()) {
                    response.write("event:token\ndata:" + new JsonObject().put("content", LLM_PIECES.get(n)).encode() + "\n\n");
                } else {
                    response.end("event:done\ndata:" + new JsonObject().put("content", LLM_ANSWER).put("model", "stand-in-model")
                            .put("provider", "openai").put("input_tokens", 120).put("output_tokens", 30).put("cost_usd", 0.00018).encode()
                            + "\n\n");
                }
            });
        }
    }

    /** Which stood-in service {@code path} belongs to: {@code config}, {@code llm}, {@code catalog}, {@code profile}, {@code memory}. */
    public static String serviceOf(String path) {
        return path.startsWith("/hooks/") ? "webhook" : path.startsWith("/v1/llm/") ? "llm"
                : path.startsWith("/v1/guardrails/") || path.startsWith("/v1/semantic-cache") || path.startsWith("/v1/bots")
                        || path.startsWith("/v1/offerings") ? "catalog"
                : path.startsWith("/v1/agents/") || path.startsWith("/v1/users/") || path.startsWith("/v1/scenarios/") ? "config"
                : path.startsWith("/v1/profiles") ? "profile" : "memory";
    }

    /** How many requests {@code service} has received since the last {@link #reset()}. */
    public static long callsTo(String service) {
        return CALLS.stream().filter(c -> service.equals(c.get("service"))).count();
    }

    /** The answer to {@code path}, or null for a 404. */
    private static JsonObject answer(String path, JsonObject body, Map<String, String> query) {
        if (path.equals("/v1/bots")) {
            return new JsonObject().put("items", BOT.get() ? new JsonArray().add(new JsonObject().put("id", BOT_ID.toString()))
                    : new JsonArray());
        }
        if (path.startsWith("/v1/bots/" + BOT_ID + "/version-for-session/")) {
            return new JsonObject().put("bot_id", BOT_ID.toString()).put("version_id", BOT_VERSION_ID.toString()).put("version", 3);
        }
        if (path.equals("/v1/bots/" + BOT_ID + "/faq/search")) {
            String faq = FAQ_ANSWER.get();
            return new JsonObject().put("hits", faq == null ? new JsonArray() : new JsonArray().add(new JsonObject()
                    .put("id", UUID.randomUUID().toString()).put("question", "When are you open?").put("answer", faq)
                    .put("vector_similarity", 0.86)));
        }
        if (path.equals("/v1/offerings/search")) {
            return new JsonObject().put("mode", "hybrid").put("hits", new JsonArray().add(new JsonObject()
                    .put("offering_id", OFFERING_ID.toString()).put("name", OFFERING_NAME).put("description", "1.7 l, steel")
                    .put("score", 0.032).put("vector_similarity", 0.74)));
        }
        if (path.equals("/v1/guardrails/evaluate")) {
            // Input: "hack" blocks, a card number is redacted; output: "internal-only" is redacted.
            String text = body.getString("message", "");
            boolean input = "input".equals(body.getString("direction"));
            if (input && text.contains("hack")) {
                return new JsonObject().put("outcome", "block").put("text", GUARDRAIL_FALLBACK)
                        .put("fired", new JsonArray().add(new JsonObject().put("code", "no-hacking")));
            }
            String redacted = input ? text.replaceAll("\\b4111[0-9 ]{12,15}\\b", "[PAYMENT_CARD]") : text.replace("internal-only", "[REDACTED]");
            return new JsonObject().put("outcome", redacted.equals(text) ? "allow" : "redact").put("text", redacted)
                    .put("fired", redacted.equals(text) ? new JsonArray() : new JsonArray().add(new JsonObject().put("code", "mask")));
        }
        if (path.equals("/v1/semantic-cache/lookup")) {
            String cached = CACHED_ANSWER.get();
            return new JsonObject().put("hit", cached != null).put("similarity", cached != null ? 0.95 : 0.2)
                    .put("entry", cached == null ? null : new JsonObject().put("answer", cached));
        }
        if (path.equals("/v1/semantic-cache")) {
            return new JsonObject().put("id", UUID.randomUUID().toString());
        }
        if (path.equals("/v1/llm/chat-completions")) {
            return new JsonObject().put("content", LLM_ANSWER).put("model", "stand-in-model").put("provider", "openai")
                    .put("input_tokens", 120).put("output_tokens", 30).put("cost_usd", 0.00018);
        }
        if (path.startsWith("/v1/users/")) {
            return USERS.contains(UUID.fromString(path.substring("/v1/users/".length())))
                    ? new JsonObject().put("id", path.substring("/v1/users/".length())) : null;
        }
        if (path.equals("/v1/collections/" + KB_COLLECTION_ID)) {
            return new JsonObject().put("id", KB_COLLECTION_ID.toString());
        }
        if (path.startsWith("/v1/collections/") && !path.startsWith("/v1/collections/" + KB_COLLECTION_ID)) {
            return null;
        }
        if (path.endsWith("/search") && path.startsWith("/v1/collections/")) {
            return knowledge(body.getString("query", ""));
        }
        for (int version = 2; version <= 4; version++) {
            if (path.equals("/v1/scenarios/" + SCENARIO_ID + "/versions/" + version)) {
                return scenarioVersion(version);
            }
        }
        if (path.equals("/v1/scenarios/" + SCENARIO_ID + "/migration-plans/applicable")) {
            return applicable(query);
        }
        if (path.startsWith("/v1/scenarios/")) {
            return null;
        }
        if (path.startsWith("/v1/agents/") && path.endsWith("/runtime-config")) {
            return runtimeConfig(path.split("/")[3]);
        }
        if (path.endsWith("/rules/match") && NO_RULES.get()) {
            return new JsonObject().put("strategy", "exact").put("embedding_model", "all-MiniLM-L6-v2").put("items", new JsonArray());
        }
        if (path.endsWith("/rules/match")) {
            return new JsonObject().put("items", new JsonArray()
                    .add(new JsonObject().put("score", 0.91).put("rule", new JsonObject().put("name", "refund")
                            .put("action_type", "respond").put("action_config", new JsonObject().put("response", RULE_RESPONSE))))
                    .add(new JsonObject().put("score", 0.42).put("rule", new JsonObject().put("name", "opening hours")
                            .put("action_type", "respond").put("action_config", new JsonObject().put("response", "We open at 9.")))));
        }
        if (path.endsWith("/scenarios/match")) {
            return new JsonObject().put("items", new JsonArray().add(new JsonObject().put("scenario_id", SCENARIO_ID.toString())
                    .put("name", "Refund").put("version", 2).put("entry_step_id", "ask_order").put("score", 0.83)));
        }
        if (path.equals("/v1/profiles/resolve")) {
            return new JsonObject().put("created", false).put("profile", new JsonObject().put("id", PROFILE_ID.toString()));
        }
        if (path.equals("/v1/episodes/search")) {
            return new JsonObject().put("items", new JsonArray().add(new JsonObject().put("vector_similarity", 0.77).put("score", 0.5)
                    .put("episode", new JsonObject().put("id", EPISODE_ID.toString()).put("content", "Ordered a kettle, #4471."))));
        }
        return new JsonObject().put("id", UUID.randomUUID().toString());
    }

    /** A password question finds a close chunk (0.81) and a weaker one (0.70); anything else only a far one (0.31). */
    private static JsonObject knowledge(String query) {
        JsonArray items = new JsonArray();
        if (query.toLowerCase(java.util.Locale.ROOT).contains("password")) {
            items.add(chunk(PASSWORD_CHUNK, PASSWORD_ANSWER, "Account help", 2, "Security > Passwords", 0.81));
            items.add(chunk(UUID.randomUUID(), "Passwords must have at least twelve characters.", "Account help", 3, null, 0.70));
        } else {
            items.add(chunk(UUID.randomUUID(), "Our office is closed on Sundays.", "Opening hours", null, null, 0.31));
        }
        return new JsonObject().put("mode", "vector").put("items", items);
    }

    private static JsonObject chunk(UUID id, String content, String title, Integer page, String heading, double similarity) {
        return new JsonObject().put("chunk", new JsonObject().put("id", id.toString()).put("content", content))
                .put("source", new JsonObject().put("title", title)).put("page", page).put("heading", heading)
                .put("vector_similarity", similarity).put("score", similarity);
    }
}
