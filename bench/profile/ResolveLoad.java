import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bounded, closed-loop load generator for {@code POST /v1/profiles/resolve}: {@code concurrency}
 * requests are in flight at every moment over keep-alive connections; each resolves a random one of
 * the {@code identities} bulk-loaded identities (the formula is load.sql's). A warm-up phase, then a
 * measured one; prints one {@code RESULT} line with throughput and latency percentiles. Talks only
 * to the URL it is given (run.sh gives 127.0.0.1). Not a test: run it through bench/profile/run.sh.
 *
 * <p>Arguments: base-url private-key.pem tenant identities concurrency warmup-seconds seconds
 * [service-pid]. With the pid (Linux), the service process's CPU time over the measured phase is
 * reported per request ({@code service_cpu_ms}): unlike latency, it hardly moves when other work
 * competes for the machine's cores.
 */
public class ResolveLoad {

    private static final String[] CHANNELS = { "web", "zalo", "facebook", "email" };
    private static final String[] PREFIXES = { "w-", "z-", "fb-", "e-" };

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        PrivateKey key = LoadSupport.privateKey(Path.of(args[1]));
        String tenant = args[2];
        int identities = Integer.parseInt(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        int seconds = Integer.parseInt(args[6]);
        String token = "Bearer " + LoadSupport.jwt(key, tenant, "bench:resolve");
        Path servicePid = args.length > 7 ? Path.of("/proc", args[7], "stat") : null;

        Vertx vertx = Vertx.vertx();
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort()).setMaxPoolSize(concurrency).setKeepAlive(true).setTcpNoDelay(true)
                .setConnectTimeout(5_000));
        try {
            run(client, token, identities, concurrency, warmup, null);
            LoadSupport.Recorder measured = new LoadSupport.Recorder("http-resolve", seconds * 20_000);
            Path self = Path.of("/proc/self/stat");
            long cpuBefore = LoadSupport.cpuMillis(servicePid);
            long clientCpuBefore = LoadSupport.cpuMillis(self);
            run(client, token, identities, concurrency, seconds, measured);
            measured.print(concurrency, seconds, LoadSupport.cpuMillis(servicePid) - cpuBefore,
                    LoadSupport.cpuMillis(self) - clientCpuBefore);
        } finally {
            client.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Keeps {@code concurrency} requests in flight for {@code seconds}, then waits for the last ones. */
    private static void run(WebClient client, String token, int identities, int concurrency, int seconds,
            LoadSupport.Recorder recorder) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch stopped = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            send(client, token, identities, running, stopped, recorder);
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        if (!stopped.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("requests still in flight 30 s after the end of the phase");
        }
    }

    private static void send(WebClient client, String token, int identities, AtomicBoolean running,
            CountDownLatch stopped, LoadSupport.Recorder recorder) {
        if (!running.get()) {
            stopped.countDown();
            return;
        }
        int n = ThreadLocalRandom.current().nextInt(1, identities + 1);
        Buffer body = Buffer.buffer("{\"channel\":\"" + CHANNELS[n % 4] + "\",\"channel_user_id\":\"" + PREFIXES[n % 4] + n + "\"}");
        long start = System.nanoTime();
        client.post("/v1/profiles/resolve").putHeader("Authorization", token).putHeader("Content-Type", "application/json")
                .timeout(10_000).sendBuffer(body).onComplete(ar -> {
                    long nanos = System.nanoTime() - start;
                    if (recorder != null) {
                        recorder.record(nanos, ar.succeeded() && ar.result().statusCode() == 200);
                    }
                    send(client, token, identities, running, stopped, recorder);
                });
    }
}
