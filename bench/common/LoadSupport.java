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
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the HTTP load generators of bench/ share (compiled beside each of them by its run.sh): a
 * latency recorder that prints one RESULT line, the service process's CPU time, and RS256 tokens
 * with the claims Agentry's services verify.
 */
final class LoadSupport {

    private LoadSupport() {
    }

    /** Latencies of successful answers (200), errors counted apart. */
    static final class Recorder {
        private final String label;
        private long[] nanos;
        private int size;
        private final AtomicLong errors = new AtomicLong();

        Recorder(String label, int capacity) {
            this.label = label;
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

        /** Successful answers recorded so far. */
        synchronized long count() {
            return size;
        }

        long errors() {
            return errors.get();
        }

        synchronized void print(int concurrency, int seconds, long serviceCpuMillis) {
            print(concurrency, seconds, serviceCpuMillis, -1);
        }

        /**
         * As {@link #print(int, int, long)}, plus the load generator's own CPU per request
         * ({@code client_cpu_ms}): on a machine whose cores the client shares with the service, what
         * the client spends is taken from the service.
         */
        synchronized void print(int concurrency, int seconds, long serviceCpuMillis, long clientCpuMillis) {
            long[] sorted = Arrays.copyOf(nanos, size);
            Arrays.sort(sorted);
            double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
            long requests = size + errors.get();
            System.out.printf(Locale.ROOT, "RESULT %s c=%d seconds=%d requests=%d errors=%d rps=%.0f "
                    + "mean_ms=%.2f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f service_cpu_ms=%s%n", label, concurrency,
                    seconds, size, errors.get(), size / (double) seconds, mean, pct(sorted, 50), pct(sorted, 95),
                    pct(sorted, 99), size == 0 ? 0 : sorted[size - 1] / 1e6,
                    perRequest(serviceCpuMillis, requests)
                    + (clientCpuMillis < 0 ? "" : " client_cpu_ms=" + perRequest(clientCpuMillis, requests)));
        }

        private static String perRequest(long cpuMillis, long requests) {
            return cpuMillis < 0 || requests == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", cpuMillis / (double) requests);
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
    static long cpuMillis(Path stat) throws java.io.IOException {
        if (stat == null) {
            return -1;
        }
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        // After "pid (comm) ", field 3 (state) is index 0: utime and stime are fields 14 and 15.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    /** An RS256 token of the agent runtime of {@code tenant}, with the claims Agentry's services verify. */
    static String jwt(PrivateKey key, String tenant, String subject) throws Exception {
        return jwt(key, tenant, subject, "agent-runtime");
    }

    /** An RS256 token of {@code tenant} with {@code role}. */
    static String jwt(PrivateKey key, String tenant, String subject, String role) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"agentry\",\"aud\":\"agentry\",\"sub\":\"" + subject + "\","
                + "\"tenant_id\":\"" + tenant + "\",\"groups\":[\"" + role + "\"],\"iat\":" + now + ",\"exp\":" + (now + 3600)
                + "}").getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + b64.encodeToString(signer.sign());
    }

    static PrivateKey privateKey(Path pem) throws Exception {
        String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }
}
