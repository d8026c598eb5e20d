import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A closed-loop token load: {@code connections} threads, each POSTing the same grant over its own
 * keep-alive connection and waiting for the answer, for a warm-up and then {@code seconds} timed. An
 * answer counts only when it is 200 and holds an {@code access_token}. Prints one RESULT line
 * (LoadSupport.Recorder) with the server process's CPU time per token and this process's own.
 *
 * Usage: TokenLoad label url content-type body connections warmup-seconds seconds server-pid
 */
public final class TokenLoad {

    public static void main(String[] args) throws Exception {
        String label = args[0];
        URI url = URI.create(args[1]);
        String contentType = args[2];
        String body = args[3];
        int connections = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        int seconds = Integer.parseInt(args[6]);
        Path stat = Path.of("/proc", args[7], "stat");

        System.out.println("WARMUP " + label + " requests=" + run(null, url, contentType, body, connections, warmup));
        LoadSupport.Recorder recorder = new LoadSupport.Recorder(label, 1 << 16);
        long cpuBefore = LoadSupport.cpuMillis(stat);
        long ownBefore = ownCpuMillis();
        run(recorder, url, contentType, body, connections, seconds);
        long cpuAfter = LoadSupport.cpuMillis(stat);
        recorder.print(connections, seconds, cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore,
                ownCpuMillis() - ownBefore);
    }

    /** This load generator's own CPU time: what it takes from the two cores the server shares. */
    private static long ownCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }

    /** Runs the load for {@code seconds}; answers how many requests were sent. */
    private static long run(LoadSupport.Recorder recorder, URI url, String contentType, String body, int connections, int seconds)
            throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            // One client per thread: one keep-alive connection each, as wrk's connections are.
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest request = HttpRequest.newBuilder(url).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build();
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    sent.incrementAndGet();
                    boolean ok;
                    try {
                        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
                        ok = answer.statusCode() == 200 && answer.body().contains("\"access_token\"");
                    } catch (Exception e) {
                        ok = false;
                    }
                    if (recorder != null) {
                        recorder.record(System.nanoTime() - start, ok);
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        return sent.get();
    }
}
