import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.api.catalog.v1.CatalogSearchGrpc;
import dev.agentry.api.catalog.v1.FaqSearchRequest;
import dev.agentry.api.catalog.v1.OfferingSearchRequest;
import dev.agentry.api.config.v1.AgentRuntimeGrpc;
import dev.agentry.api.config.v1.RuleMatchRequest;
import dev.agentry.api.config.v1.RuntimeConfigRequest;
import dev.agentry.api.config.v1.ScenarioMatchRequest;
import dev.agentry.api.memory.v1.EpisodeSearchRequest;
import dev.agentry.api.memory.v1.EpisodesGrpc;
import dev.agentry.api.profile.v1.ProfilesGrpc;
import dev.agentry.api.profile.v1.ResolveRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Each hot call of the turn over gRPC and over REST, against the same services, data and token, in
 * one run (bench/grpc/run.sh; results in docs/benchmarks.md, "gRPC and REST"): at 1 caller, the two
 * transports alternate call by call; at 16 callers, they alternate in rounds of {@code seconds}
 * each, three rounds, so the machine's noise falls on both. Then whole turns, alternating between a
 * conversation-service on gRPC and one on REST. REST goes through java.net.http (HTTP/1.1, a
 * connection per caller, as the Vert.x web client's pool); gRPC through one channel per service
 * (HTTP/2, every caller multiplexed on it), as the turn's clients.
 *
 * <pre>
 * GrpcVsRest &lt;plan&gt; &lt;config&gt; &lt;profile&gt; &lt;memory&gt; &lt;catalog&gt; &lt;conversation-grpc&gt; &lt;conversation-rest&gt; &lt;calls&gt; &lt;seconds&gt; &lt;turns&gt;
 * </pre>
 */
public final class GrpcVsRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Degraded turns by instance and what they skipped: counted, not hidden (the latencies include them). */
    private static final Map<String, Integer> DEGRADED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    /** One hot call, by each transport. */
    record Call(String name, Callable<Object> grpc, Callable<Object> rest) {
    }

    public static void main(String[] args) throws Exception {
        Path plan = Path.of(args[0]);
        String config = args[1], profile = args[2], memory = args[3], catalog = args[4], turnsGrpc = args[5], turnsRest = args[6];
        int calls = Integer.parseInt(args[7]);
        int seconds = Integer.parseInt(args[8]);
        int turnCount = Integer.parseInt(args[9]);

        String apiKey = null, tenant = null;
        List<String> sessions = new ArrayList<>();
        for (String line : Files.readAllLines(plan)) {
            String[] f = line.split(" ");
            if (f[0].equals("tenant") && apiKey == null) {
                tenant = f[1];
                apiKey = f[2];
            } else if (f[0].equals("session") && f[1].equals(tenant)) {
                sessions.add(f[3]);
            }
        }
        String token = call("POST", config + "/v1/auth/token", null, Map.of("grant_type", "api_key", "api_key", apiKey), 200)
                .get("access_token").asText();

        // The data: the tenant's first agent (rules and a scenario from the turn benchmark's setup),
        // a customer with 300 episodes, a bot with 20 FAQ entries; one query vector of the
        // deployment's model for every call (its value does not change what the calls cost).
        String agent = call("GET", config + "/v1/agents?limit=1", token, null, 200).get("items").get(0).get("id").asText();
        String model = call("POST", config + "/v1/agents/" + agent + "/rules/match", token, Map.of("message", "hello"), 200)
                .get("embedding_model").asText();
        String customer = call("POST", profile + "/v1/profiles/resolve", token, Map.of("channel", "web", "channel_user_id", "bench-grpc"),
                201).get("profile").get("id").asText();
        List<Map<String, Object>> episodes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            episodes.add(Map.of("agent_id", agent, "customer_profile_id", customer, "episode_type", "fact",
                    "content", "The customer mentioned topic number " + i + " about their plan, delivery or invoice."));
        }
        call("POST", memory + "/v1/episodes/bulk", token, Map.of("episodes", episodes), 201);
        String bot = call("POST", catalog + "/v1/bots", token, Map.of("code", "bench-bot", "name", "Bench bot", "agent_id", agent), 201)
                .get("id").asText();
        String botVersion = call("POST", catalog + "/v1/bots/" + bot + "/versions", token, Map.of("system_prompt", "You help customers.",
                "flow_config", Map.of()), 201).get("id").asText();
        call("POST", catalog + "/v1/bots/" + bot + "/versions/" + botVersion + "/activate", token, null, 200);
        for (int i = 0; i < 20; i++) {
            call("POST", catalog + "/v1/faq", token, Map.of("bot_id", bot, "question", "What should I know about topic " + i + "?",
                    "answer", "Everything about topic " + i + " is on our help pages."), 201);
        }
        float[] vector = new float[384];
        Random random = new Random(7);
        double norm = 0;
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
            norm += vector[i] * vector[i];
        }
        List<Float> packed = new ArrayList<>();
        for (int i = 0; i < vector.length; i++) {
            vector[i] /= (float) Math.sqrt(norm);
            packed.add(vector[i]);
        }
        Map<String, Object> vectorBody = Map.of("embedding", packed, "embedding_model", model);
        String generation = call("GET", config + "/v1/agents/" + agent + "/runtime-config", token, null, 200).get("generation").asText();

        ManagedChannel configChannel = channel(config), profileChannel = channel(profile), memoryChannel = channel(memory),
                catalogChannel = channel(catalog);
        var agents = as(AgentRuntimeGrpc.newBlockingStub(configChannel), token);
        var profiles = as(ProfilesGrpc.newBlockingStub(profileChannel), token);
        var memories = as(EpisodesGrpc.newBlockingStub(memoryChannel), token);
        var search = as(CatalogSearchGrpc.newBlockingStub(catalogChannel), token);

        List<Call> hot = List.of(
                new Call("profile resolve", () -> profiles.resolve(ResolveRequest.newBuilder().setChannel("web").setChannelUserId("bench-grpc").build()),
                        () -> call("POST", profile + "/v1/profiles/resolve", token, Map.of("channel", "web", "channel_user_id", "bench-grpc"), 200)),
                new Call("rule match", () -> agents.matchRules(RuleMatchRequest.newBuilder().setAgentId(agent).addAllEmbedding(packed)
                        .setEmbeddingModel(model).setTopK(3).build()),
                        () -> call("POST", config + "/v1/agents/" + agent + "/rules/match", token, with(vectorBody, "top_k", 3), 200)),
                new Call("scenario match", () -> agents.matchScenarios(ScenarioMatchRequest.newBuilder().setAgentId(agent).addAllEmbedding(packed)
                        .setEmbeddingModel(model).setTopK(1).build()),
                        () -> call("POST", config + "/v1/agents/" + agent + "/scenarios/match", token, with(vectorBody, "top_k", 1), 200)),
                new Call("runtime config (unchanged)", () -> agents.getRuntimeConfig(RuntimeConfigRequest.newBuilder().setAgentId(agent)
                        .setKnownGeneration(generation).build()),
                        () -> call("GET", config + "/v1/agents/" + agent + "/runtime-config", token, null, 200)),
                new Call("episode search (300 of the customer's)", () -> memories.search(EpisodeSearchRequest.newBuilder().addAllEmbedding(packed)
                        .setEmbeddingModel(model).setMode(dev.agentry.api.memory.v1.SearchMode.SEARCH_MODE_VECTOR).setLimit(5)
                        .setCustomerProfileId(customer).build()),
                        () -> call("POST", memory + "/v1/episodes/search", token, with(with(with(vectorBody, "mode", "vector"), "limit", 5),
                                "customer_profile_id", customer), 200)),
                new Call("offering search (hybrid)", () -> search.searchOfferings(OfferingSearchRequest.newBuilder().setQuery("a bigger data plan")
                        .addAllEmbedding(packed).setEmbeddingModel(model).setMode(dev.agentry.api.catalog.v1.SearchMode.SEARCH_MODE_HYBRID)
                        .setLimit(3).build()),
                        () -> call("POST", catalog + "/v1/offerings/search", token, with(with(with(vectorBody, "query", "a bigger data plan"),
                                "mode", "hybrid"), "limit", 3), 200)),
                new Call("FAQ search (20 entries)", () -> search.searchFaq(FaqSearchRequest.newBuilder().setBotId(bot).addAllEmbedding(packed)
                        .setEmbeddingModel(model).setLimit(3).build()),
                        () -> call("POST", catalog + "/v1/bots/" + bot + "/faq/search", token, with(vectorBody, "limit", 3), 200)));

        System.out.println("| call | transport | callers | calls | p50 ms | p95 ms | calls/s |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Call c : hot) {
            for (int i = 0; i < 200; i++) { // warm-up, both transports, not recorded
                c.grpc().call();
                c.rest().call();
            }
            long[][] single = alternate(c, calls);
            row(c.name(), "gRPC", 1, single[0], -1);
            row(c.name(), "REST", 1, single[1], -1);
            List<Long> grpcAll = new ArrayList<>(), restAll = new ArrayList<>();
            long grpcCount = 0, restCount = 0;
            for (int round = 0; round < 3; round++) {
                long[] g = concurrent(c.grpc(), 16, seconds);
                long[] r = concurrent(c.rest(), 16, seconds);
                for (long v : g) grpcAll.add(v);
                for (long v : r) restAll.add(v);
                grpcCount += g.length;
                restCount += r.length;
            }
            row(c.name(), "gRPC", 16, toArray(grpcAll), grpcCount / (3.0 * seconds));
            row(c.name(), "REST", 16, toArray(restAll), restCount / (3.0 * seconds));
        }

        // Whole turns: the same sessions, alternately through the gRPC and the REST instance.
        String[] messages = { "I want a bigger data plan", "how do I top up 100000 VND?", "my internet is slow since yesterday",
                "can I pay my invoice by card", "tell me about the weather on mars" };
        for (int i = 0; i < 20; i++) { // warm-up: the first turns of a session may find a cold path degraded
            turn(turnsGrpc, token, sessions.get(i % sessions.size()), messages[i % messages.length]);
            turn(turnsRest, token, sessions.get(i % sessions.size()), messages[i % messages.length]);
        }
        DEGRADED.clear();
        long[] grpcTurns = new long[turnCount], restTurns = new long[turnCount];
        for (int i = 0; i < turnCount; i++) {
            String session = sessions.get(i % sessions.size());
            String message = messages[i % messages.length];
            boolean grpcFirst = i % 2 == 0;
            long a = turn(grpcFirst ? turnsGrpc : turnsRest, token, session, message);
            long b = turn(grpcFirst ? turnsRest : turnsGrpc, token, session, message);
            grpcTurns[i] = grpcFirst ? a : b;
            restTurns[i] = grpcFirst ? b : a;
        }
        row("whole turn (POST /v1/sessions/{id}/turns)", "gRPC", 1, grpcTurns, -1);
        row("whole turn (POST /v1/sessions/{id}/turns)", "REST", 1, restTurns, -1);
        System.out.println();
        System.out.println("degraded turns while measured (each names what was skipped): " + (DEGRADED.isEmpty() ? "none" : DEGRADED));
        for (ManagedChannel c : List.of(configChannel, profileChannel, memoryChannel, catalogChannel)) {
            c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        System.exit(0); // the HTTP client's executor threads would keep the JVM alive
    }

    private static long turn(String conversation, String token, String session, String message) throws Exception {
        long start = System.nanoTime();
        JsonNode answer = call("POST", conversation + "/v1/sessions/" + session + "/turns", token, Map.of("message", message), 200);
        long took = System.nanoTime() - start;
        if (answer.get("degraded").size() > 0) {
            DEGRADED.merge(conversation + " " + answer.get("degraded"), 1, Integer::sum);
        }
        return took;
    }

    /** {@code calls} of each transport at one caller, alternating call by call. */
    private static long[][] alternate(Call c, int calls) throws Exception {
        long[] grpc = new long[calls], rest = new long[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            c.grpc().call();
            long t1 = System.nanoTime();
            c.rest().call();
            grpc[i] = t1 - t0;
            rest[i] = System.nanoTime() - t1;
        }
        return new long[][] { grpc, rest };
    }

    /** Latencies of every call {@code callers} made back to back for {@code seconds}. */
    private static long[] concurrent(Callable<Object> call, int callers, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<List<Long>>> done = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            done.add(pool.submit(() -> {
                List<Long> took = new ArrayList<>();
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    call.call();
                    took.add(System.nanoTime() - t0);
                }
                return took;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : done) {
            all.addAll(f.get());
        }
        pool.shutdown();
        return toArray(all);
    }

    private static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    private static void row(String name, String transport, int callers, long[] nanos, double rate) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        double perSecond = rate >= 0 ? rate : sorted.length / (java.util.Arrays.stream(sorted).sum() / 1e9);
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %.2f | %.2f | %.0f |%n", name, transport, callers, sorted.length,
                pct(sorted, 50), pct(sorted, 95), perSecond);
    }

    private static double pct(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    private static ManagedChannel channel(String baseUrl) {
        URI uri = URI.create(baseUrl);
        return ManagedChannelBuilder.forAddress(uri.getHost(), uri.getPort()).usePlaintext().build();
    }

    private static <S extends AbstractStub<S>> S as(S stub, String token) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    static JsonNode call(String method, String url, String token, Object body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected && !(expected == 201 && response.statusCode() == 200)) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
