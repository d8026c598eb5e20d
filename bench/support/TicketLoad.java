import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Closed-loop load for the support desk (bench/support/run.sh): {@code concurrency} requests in
 * flight over keep-alive connections, a warm-up, then a measured phase, one {@code RESULT} line.
 * Modes:
 * <ul>
 * <li>{@code token pem tenant role}: prints a token;</li>
 * <li>{@code create url pem tenant c warmup seconds [pid]}: {@code POST /v1/tickets} with rotating
 * help-desk questions, each answered from the knowledge base inside the request;</li>
 * <li>{@code search url pem tenant collection c warmup seconds}: memory-service's knowledge search with
 * the same questions, exactly the call a ticket makes (the baseline);</li>
 * <li>{@code list url pem tenant c warmup seconds query [pid]}: {@code GET /v1/tickets?query}.</li>
 * </ul>
 * Talks only to the URL it is given (run.sh gives 127.0.0.1). Not a test.
 */
public class TicketLoad {

    static final String[] QUESTIONS = {
        "How do I reset my password?", "My parcel has not arrived yet, where is it?", "Can I change my delivery address?",
        "How long does a refund take to reach my card?", "The app crashes when I open my orders", "Do you ship to Da Nang?",
        "How do I cancel my subscription?", "I was charged twice for one order", "Where can I download my invoice?",
        "What are your opening hours on Sunday?" };

    public static void main(String[] args) throws Exception {
        if (args[0].equals("token")) {
            System.out.println(LoadSupport.jwt(LoadSupport.privateKey(Path.of(args[1])), args[2], "bench:support", args[3]));
            return;
        }
        String mode = args[0];
        URI base = URI.create(args[1]);
        String tenant = args[3];
        String token = "Bearer " + LoadSupport.jwt(LoadSupport.privateKey(Path.of(args[2])), tenant, "bench:support", "agent-runtime");
        int at = mode.equals("search") ? 5 : 4;
        int concurrency = Integer.parseInt(args[at]);
        int warmup = Integer.parseInt(args[at + 1]);
        int seconds = Integer.parseInt(args[at + 2]);
        String collection = mode.equals("search") ? args[4] : null;
        String query = mode.equals("list") ? args[at + 3] : null;
        int pidAt = mode.equals("list") ? at + 4 : at + 3;
        Path servicePid = args.length > pidAt ? Path.of("/proc", args[pidAt], "stat") : null;
        AtomicLong n = new AtomicLong();

        Vertx vertx = Vertx.vertx();
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort()).setMaxPoolSize(concurrency).setKeepAlive(true).setTcpNoDelay(true));
        Function<Long, Future<HttpResponse<Buffer>>> request = switch (mode) {
            case "create" -> i -> client.post("/v1/tickets").putHeader("Authorization", token).timeout(30_000)
                    .sendJsonObject(new JsonObject().put("title", QUESTIONS[(int) (i % QUESTIONS.length)]).put("source", "web"));
            case "search" -> i -> client.post("/v1/collections/" + collection + "/search").putHeader("Authorization", token)
                    .timeout(30_000).sendJsonObject(new JsonObject().put("query", QUESTIONS[(int) (i % QUESTIONS.length)])
                            .put("mode", "vector").put("limit", 5));
            case "list" -> i -> client.get("/v1/tickets?" + query).putHeader("Authorization", token).timeout(30_000).send();
            default -> throw new IllegalArgumentException(mode);
        };
        int ok = mode.equals("create") ? 201 : 200;
        String name = mode.equals("create") ? "api-create-ticket" : mode.equals("search") ? "memory-knowledge-search" : "api-list-tickets";
        try {
            run(request, ok, n, concurrency, warmup, null);
            LoadSupport.Recorder measured = new LoadSupport.Recorder(name, Math.max(seconds * 5_000, 10_000));
            long cpuBefore = LoadSupport.cpuMillis(servicePid);
            run(request, ok, n, concurrency, seconds, measured);
            measured.print(concurrency, seconds, LoadSupport.cpuMillis(servicePid) - cpuBefore);
        } finally {
            client.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void run(Function<Long, Future<HttpResponse<Buffer>>> request, int ok, AtomicLong n, int concurrency, int seconds,
            LoadSupport.Recorder recorder) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch stopped = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            send(request, ok, n, running, stopped, recorder);
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        if (!stopped.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("requests still in flight 60 s after the end of the phase");
        }
    }

    private static void send(Function<Long, Future<HttpResponse<Buffer>>> request, int ok, AtomicLong n, AtomicBoolean running,
            CountDownLatch stopped, LoadSupport.Recorder recorder) {
        if (!running.get()) {
            stopped.countDown();
            return;
        }
        long start = System.nanoTime();
        request.apply(n.incrementAndGet()).onComplete(ar -> {
            if (recorder != null) {
                recorder.record(System.nanoTime() - start, ar.succeeded() && ar.result().statusCode() == ok);
            }
            send(request, ok, n, running, stopped, recorder);
        });
    }
}
