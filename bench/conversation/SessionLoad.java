import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bounded, closed-loop load generator for {@code GET /v1/sessions/{id}} (bench/profile's
 * ResolveLoad, reading one session): {@code concurrency} requests are in flight at every moment over
 * keep-alive connections. A warm-up phase, then a measured one; prints one {@code RESULT} line with
 * throughput and latency percentiles. Talks only to the URL it is given (run.sh gives 127.0.0.1).
 * Not a test: run it through bench/conversation/run.sh.
 *
 * <p>Arguments: base-url private-key.pem tenant session-id concurrency warmup-seconds seconds
 * [service-pid]. With the pid (Linux), the service process's CPU time over the measured phase is
 * reported per request ({@code service_cpu_ms}): unlike latency, it hardly moves when other work
 * competes for the machine's cores.
 */
public class SessionLoad {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("token")) {
            // run.sh's token for creating the benchmark session: "token private-key.pem tenant".
            System.out.println(LoadSupport.jwt(LoadSupport.privateKey(Path.of(args[1])), args[2], "bench:session"));
            return;
        }
        URI base = URI.create(args[0]);
        PrivateKey key = LoadSupport.privateKey(Path.of(args[1]));
        String tenant = args[2];
        String session = args[3];
        int concurrency = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        int seconds = Integer.parseInt(args[6]);
        String token = "Bearer " + LoadSupport.jwt(key, tenant, "bench:session");
        Path servicePid = args.length > 7 ? Path.of("/proc", args[7], "stat") : null;

        Vertx vertx = Vertx.vertx();
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort()).setMaxPoolSize(concurrency).setKeepAlive(true).setTcpNoDelay(true)
                .setConnectTimeout(5_000));
        try {
            run(client, token, session, concurrency, warmup, null);
            LoadSupport.Recorder measured = new LoadSupport.Recorder("api-get-session", seconds * 20_000);
            long cpuBefore = LoadSupport.cpuMillis(servicePid);
            run(client, token, session, concurrency, seconds, measured);
            measured.print(concurrency, seconds, LoadSupport.cpuMillis(servicePid) - cpuBefore);
        } finally {
            client.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Keeps {@code concurrency} requests in flight for {@code seconds}, then waits for the last ones. */
    private static void run(WebClient client, String token, String session, int concurrency, int seconds,
            LoadSupport.Recorder recorder) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch stopped = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            send(client, token, session, running, stopped, recorder);
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        if (!stopped.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("requests still in flight 30 s after the end of the phase");
        }
    }

    private static void send(WebClient client, String token, String session, AtomicBoolean running,
            CountDownLatch stopped, LoadSupport.Recorder recorder) {
        if (!running.get()) {
            stopped.countDown();
            return;
        }
        long start = System.nanoTime();
        client.get("/v1/sessions/" + session).putHeader("Authorization", token).timeout(10_000).send().onComplete(ar -> {
                    long nanos = System.nanoTime() - start;
                    if (recorder != null) {
                        recorder.record(nanos, ar.succeeded() && ar.result().statusCode() == 200);
                    }
                    send(client, token, session, running, stopped, recorder);
                });
    }
}
