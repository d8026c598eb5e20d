import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

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
            System.out.println(jwt(privateKey(Path.of(args[1])), args[2]));
            return;
        }
        URI base = URI.create(args[0]);
        PrivateKey key = privateKey(Path.of(args[1]));
        String tenant = args[2];
        String session = args[3];
        int concurrency = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        int seconds = Integer.parseInt(args[6]);
        String token = "Bearer " + jwt(key, tenant);
        Path servicePid = args.length > 7 ? Path.of("/proc", args[7], "stat") : null;

        Vertx vertx = Vertx.vertx();
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort()).setMaxPoolSize(concurrency).setKeepAlive(true).setTcpNoDelay(true)
                .setConnectTimeout(5_000));
        try {
            run(client, token, session, concurrency, warmup, null);
            Recorder measured = new Recorder(seconds * 20_000);
            long cpuBefore = cpuMillis(servicePid);
            run(client, token, session, concurrency, seconds, measured);
            measured.print(concurrency, seconds, cpuMillis(servicePid) - cpuBefore);
        } finally {
            client.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Keeps {@code concurrency} requests in flight for {@code seconds}, then waits for the last ones. */
    private static void run(WebClient client, String token, String session, int concurrency, int seconds,
            Recorder recorder) throws InterruptedException {
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
            CountDownLatch stopped, Recorder recorder) {
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

    /** Latencies of successful answers (200), errors counted apart. */
    static final class Recorder {
        private long[] nanos;
        private int size;
        private final AtomicLong errors = new AtomicLong();

        Recorder(int capacity) {
            nanos = new long[capacity];
        }

        synchronized void record(long latency, boolean ok) {
            if (!ok) {
                errors.incrementAndGet();
                return;
            }
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
            }
            nanos[size++] = latency;
        }

        synchronized void print(int concurrency, int seconds, long serviceCpuMillis) {
            long[] sorted = Arrays.copyOf(nanos, size);
            Arrays.sort(sorted);
            double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
            long requests = size + errors.get();
            System.out.printf(Locale.ROOT, "RESULT api-get-session c=%d seconds=%d requests=%d errors=%d rps=%.0f "
                    + "mean_ms=%.2f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f service_cpu_ms=%s%n", concurrency,
                    seconds, size, errors.get(), size / (double) seconds, mean, pct(sorted, 50), pct(sorted, 95),
                    pct(sorted, 99), size == 0 ? 0 : sorted[size - 1] / 1e6,
                    serviceCpuMillis < 0 || requests == 0 ? "n/a"
                            : String.format(Locale.ROOT, "%.3f", serviceCpuMillis / (double) requests));
        }

        private static double pct(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }
    }

    /** User plus system CPU time of a process in ms from /proc/<pid>/stat (clock ticks of 10 ms); -1 without. */
    private static long cpuMillis(Path stat) throws java.io.IOException {
        if (stat == null) {
            return -1;
        }
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        // After "pid (comm) ", field 3 (state) is index 0: utime and stime are fields 14 and 15.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    /** An RS256 token with the claims Agentry's services verify: the agent runtime of the bench tenant. */
    private static String jwt(PrivateKey key, String tenant) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"agentry\",\"aud\":\"agentry\",\"sub\":\"bench:session\","
                + "\"tenant_id\":\"" + tenant + "\",\"groups\":[\"agent-runtime\"],\"iat\":" + now + ",\"exp\":" + (now + 3600)
                + "}").getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + b64.encodeToString(signer.sign());
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }
}
