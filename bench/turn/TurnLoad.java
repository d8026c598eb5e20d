import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The turn benchmark's client (bench/turn/run.sh compiles it with bench/common/LoadSupport.java).
 *
 * <pre>
 * setup &lt;config-url&gt; &lt;conversation-url&gt; &lt;platform-api-key&gt; &lt;plan-file&gt; &lt;tenants&gt; &lt;sessions-per-agent&gt;
 * run   &lt;config-url&gt; &lt;conversation-url&gt; &lt;plan-file&gt; &lt;rate&gt; &lt;seconds&gt; &lt;label&gt; &lt;expected-degraded&gt;
 * </pre>
 *
 * {@code setup} configures, through the APIs only, tenants (enterprise plan: the benchmark's calls
 * count toward each service's daily requests), each with three agents of different trades, each
 * agent with its rules and a scenario, and opens sessions, one per customer (channel user). The plan
 * file keeps each tenant's API key and its sessions.
 *
 * <p>{@code run} is an open-loop load generator: turns are sent at a constant arrival rate, each at
 * its scheduled instant whatever the earlier ones are doing, and a turn's latency is measured from
 * that instant (so a stall of the service or of this client shows in the latency instead of
 * slowing the arrivals: no coordinated omission). Each turn goes to a random session with a
 * message drawn from the session's agent's trade (a rule's question, a scenario's opening, an order
 * number or an e-mail to extract, or a question nothing answers). An answer is counted as an error
 * unless it is 200; a 200 whose {@code degraded} is not {@code expected-degraded} (comma-separated,
 * empty for none) is counted apart. A step is abandoned when more than 4 s of arrivals are waiting
 * (the service cannot keep up: going on would only pile up a queue that spoils the next step).
 */
public final class TurnLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(3)).build();
    private static final Pattern DEGRADED = Pattern.compile("\"degraded\":\\[([^\\]]*)\\]");
    private static final Pattern SOURCE = Pattern.compile("\"response_source\":\"([a-z_]+)\"");

    /** A trade: an agent's rules (condition, answer), its scenario (entry condition, opening message), and messages. */
    record Trade(String name, List<String[]> rules, String scenario, List<String> messages) {
    }

    static final List<Trade> TRADES = List.of(
            new Trade("shop", List.of(
                    new String[] { "the customer asks for a refund or wants their money back", "Refunds are paid back within five working days." },
                    new String[] { "the customer asks when the shop opens", "We open at nine, Monday to Saturday." },
                    new String[] { "the customer asks how long delivery takes", "Delivery takes two to three working days." },
                    new String[] { "the customer asks about the status of their order", "Your order is on its way; you get a tracking e-mail." },
                    new String[] { "the customer asks which payment methods are accepted", "We take cards, bank transfer and cash on delivery." }),
                    "the customer wants to send back an item they bought and return it",
                    List.of("I want my money back for the kettle", "can I get a refund please, order #S-%d",
                            "when do you open on Saturday?", "what time does the shop open", "how long does delivery take to Hanoi?",
                            "where is my order %d? it has not arrived", "do you accept bank transfer?",
                            "I would like to return the shoes I bought last week", "please send the invoice to buyer%d@example.com",
                            "I need %d pcs of the blue mug", "is the weather nice on mars today?", "tell me a joke about cats")),
            new Trade("travel", List.of(
                    new String[] { "the customer wants to change the date of their flight", "You can change the date online up to 24 hours before departure." },
                    new String[] { "the customer asks how much luggage is allowed", "Each passenger may bring 20 kg of checked luggage." },
                    new String[] { "the customer wants to cancel their booking", "Bookings can be cancelled free of charge within 24 hours." },
                    new String[] { "the customer asks about visa requirements", "Please check the embassy's site for visa rules." }),
                    "the customer wants to book a new trip or holiday",
                    List.of("can I move my flight to 2027-01-%02d?", "how many kilos of luggage can I take", "please cancel booking #T-%d",
                            "do I need a visa for Japan?", "I want to book a holiday in Da Nang for two", "my e-mail is traveller%d@example.org",
                            "what is the capital of Peru?", "the hotel room was too small and noisy")),
            new Trade("telco", List.of(
                    new String[] { "the customer reports that their internet is not working", "Please restart your router; if it stays down we send a technician." },
                    new String[] { "the customer asks about their bill or an invoice amount", "Your bill is in the app under Billing." },
                    new String[] { "the customer wants to upgrade their mobile plan", "You can upgrade your plan in the app at any time." },
                    new String[] { "the customer asks how to top up prepaid credit", "Top up in the app, at any shop, or by bank transfer." }),
                    "the customer wants to move their contract to a new address",
                    List.of("my internet has been down since this morning", "why is my bill $%d this month?",
                            "I want a bigger data plan", "how do I top up 100000 VND?", "we are moving house, can I take my contract along",
                            "call me back on 0912 345 %03d", "which football team won yesterday?", "my order number is #N-%d")));

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "setup" -> setup(args[1], args[2], args[3], Path.of(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]));
            case "run" -> run(args[1], args[2], Path.of(args[3]), Double.parseDouble(args[4]), Integer.parseInt(args[5]), args[6],
                    args.length > 7 ? args[7] : "");
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0); // the HTTP client's executor threads would keep the JVM alive
    }

    // --- setup ---------------------------------------------------------------------------------

    static void setup(String config, String conversation, String platformKey, Path plan, int tenants, int sessionsPerAgent)
            throws Exception {
        String platform = token(config, platformKey);
        List<String> lines = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        for (int t = 0; t < tenants; t++) {
            String slug = "bench-turn-" + UUID.randomUUID().toString().substring(0, 8);
            JsonNode tenant = call("POST", config + "/v1/tenants", platform, Map.of("name", "Turn bench " + slug, "slug", slug,
                    "plan", "enterprise"), 201);
            String tenantId = tenant.get("id").asText();
            String key = call("POST", config + "/v1/tenants/" + tenantId + "/api-keys", platform, Map.of("name", "turn bench",
                    "scopes", List.of("tenant-admin", "agent-runtime")), 201).get("key").asText();
            String token = token(config, key);
            lines.add("tenant " + tenantId + " " + key);
            for (Trade trade : TRADES) {
                String agent = call("POST", config + "/v1/agents", token, Map.of("name", trade.name() + " assistant",
                        "slug", trade.name()), 201).get("id").asText();
                for (int r = 0; r < trade.rules().size(); r++) {
                    String[] rule = trade.rules().get(r);
                    call("POST", config + "/v1/agents/" + agent + "/rules", token, Map.of("name", trade.name() + " rule " + r,
                            "condition_text", rule[0], "action_type", "respond", "action_config", Map.of("response", rule[1])), 201);
                }
                call("POST", config + "/v1/agents/" + agent + "/scenarios", token, Map.of("name", trade.name() + " scenario",
                        "entry_condition", trade.scenario(), "steps", List.of(
                                Map.of("id", "start", "name", "Start", "entry", true, "instructions", "Ask what it is about.",
                                        "transitions", List.of(Map.of("to", "details", "condition", "the customer explained"))),
                                Map.of("id", "details", "name", "Details", "instructions", "Collect the details."))), 201);
                List<java.util.concurrent.Future<String>> sessions = new ArrayList<>();
                for (int s = 0; s < sessionsPerAgent; s++) {
                    String customer = "customer-" + UUID.randomUUID();
                    sessions.add(pool.submit(() -> call("POST", conversation + "/v1/sessions", token, Map.of("agent_id", agent,
                            "channel", "web", "user_channel_id", customer), 201).get("session_id").asText()));
                }
                for (var session : sessions) {
                    lines.add("session " + tenantId + " " + trade.name() + " " + session.get());
                }
            }
            System.out.printf("[bench] tenant %s: %d agents, %d sessions%n", tenantId, TRADES.size(), TRADES.size() * sessionsPerAgent);
        }
        pool.shutdown();
        Files.write(plan, lines);
    }

    static String token(String config, String apiKey) throws Exception {
        return call("POST", config + "/v1/auth/token", null, Map.of("grant_type", "api_key", "api_key", apiKey), 200)
                .get("access_token").asText();
    }

    static JsonNode call(String method, String url, String token, Object body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    // --- run -----------------------------------------------------------------------------------

    record Session(String id, String token, Trade trade) {
    }

    static void run(String config, String conversation, Path plan, double rate, int seconds, String label, String expected)
            throws Exception {
        Map<String, String> tokens = new ConcurrentHashMap<>();
        List<Session> sessions = new ArrayList<>();
        for (String line : Files.readAllLines(plan)) {
            String[] f = line.split(" ");
            if (f[0].equals("tenant")) {
                tokens.put(f[1], token(config, f[2])); // fresh tokens for each step (they live 15 minutes)
            } else {
                Trade trade = TRADES.stream().filter(x -> x.name().equals(f[2])).findFirst().orElseThrow();
                sessions.add(new Session(f[3], tokens.get(f[1]), trade));
            }
        }
        String expectedDegraded = expected.isBlank() ? "" : "\"" + String.join("\",\"", expected.split(",")) + "\"";
        long total = Math.round(rate * seconds);
        long periodNanos = (long) (1e9 / rate);
        int backlogLimit = (int) Math.max(20, rate * 4);
        LoadSupport.Recorder recorder = new LoadSupport.Recorder(label, (int) total);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicLong unexpected = new AtomicLong();
        AtomicLong lastDone = new AtomicLong();
        Map<String, AtomicInteger> sources = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> degradations = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Random random = new Random(42 + (long) rate);
        long startedMillis = System.currentTimeMillis();
        long t0 = System.nanoTime() + 50_000_000L;
        long sent = 0;
        boolean abandoned = false;
        for (long i = 0; i < total; i++) {
            long intended = t0 + i * periodNanos;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() > backlogLimit) {
                abandoned = true;
                break;
            }
            Session session = sessions.get(random.nextInt(sessions.size()));
            String message = message(session.trade(), random);
            HttpRequest request = HttpRequest.newBuilder(URI.create(conversation + "/v1/sessions/" + session.id() + "/turns"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + session.token())
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("message", message)))).build();
            inFlight.incrementAndGet();
            sent++;
            HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                long now = System.nanoTime();
                inFlight.decrementAndGet();
                lastDone.accumulateAndGet(now, Math::max);
                boolean ok = failure == null && response.statusCode() == 200;
                recorder.record(now - intended, ok);
                statuses.computeIfAbsent(failure != null ? failure.getClass().getSimpleName() : Integer.toString(response.statusCode()),
                        k -> new AtomicInteger()).incrementAndGet();
                if (ok) {
                    String body = response.body();
                    Matcher degraded = DEGRADED.matcher(body);
                    String found = degraded.find() ? degraded.group(1) : "?";
                    if (!found.equals(expectedDegraded)) {
                        unexpected.incrementAndGet();
                        degradations.computeIfAbsent(found, k -> new AtomicInteger()).incrementAndGet();
                    }
                    Matcher source = SOURCE.matcher(body);
                    sources.computeIfAbsent(source.find() ? source.group(1) : "?", k -> new AtomicInteger()).incrementAndGet();
                }
            });
        }
        long dispatchEnded = System.nanoTime();
        long drainDeadline = dispatchEnded + TimeUnit.SECONDS.toNanos(35);
        while (inFlight.get() > 0 && System.nanoTime() < drainDeadline) {
            Thread.sleep(20);
        }
        long endedMillis = System.currentTimeMillis();
        // Achieved: answered turns over the time from the first arrival to the last answer.
        double elapsed = Math.max(lastDone.get() - t0, dispatchEnded - t0) / 1e9;
        long ok = recorder.count();
        double achieved = ok / elapsed;
        boolean sustained = !abandoned && recorder.errors() == 0 && unexpected.get() == 0 && inFlight.get() == 0
                && achieved >= rate * 0.95 && sent == total;
        recorder.print(0, seconds, -1);
        System.out.printf(Locale.ROOT, "STEP label=%s rate=%.1f seconds=%d sent=%d ok=%d errors=%d unexpected_degraded=%d "
                + "achieved_tps=%.2f abandoned=%s sustained=%s window_start_ms=%d window_end_ms=%d statuses=%s sources=%s "
                + "degraded=%s%n", label, rate, seconds, sent, ok, recorder.errors(), unexpected.get(), achieved, abandoned,
                sustained, startedMillis, endedMillis, statuses, sources, degradations);
        System.exit(0);
    }

    static String message(Trade trade, Random random) {
        String template = trade.messages().get(random.nextInt(trade.messages().size()));
        return template.contains("%") ? String.format(Locale.ROOT, template, 1 + random.nextInt(99_999) % (template.contains("%02d") ? 28
                : template.contains("%03d") ? 999 : 99_999)) : template;
    }
}
