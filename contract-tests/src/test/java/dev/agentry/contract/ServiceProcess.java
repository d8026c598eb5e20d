package dev.agentry.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One packaged service ({@code <service>/target/quarkus-app/quarkus-run.jar}) running as a child
 * JVM, the way a user runs it: its own port, settings through environment variables only (no test
 * profile), output in {@code target/contract-logs/<service>.log}.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.getLong("agentry.contract.start-timeout", 120));
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Dai.djl.offline=true");

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;
    private final Path root;
    private final String logName;
    private final Map<String, String> env;
    private volatile boolean frozen;

    private ServiceProcess(String name, int port, Process process, Path log, Path root, String logName, Map<String, String> env) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.root = root;
        this.logName = logName;
        this.env = env;
    }

    /** Starts {@code service} from the build under {@code root} and waits until it is ready. */
    static ServiceProcess start(Path root, String service, Map<String, String> env) {
        return start(root, service, service, env);
    }

    /**
     * As {@link #start(Path, String, Map)}, logging to {@code target/contract-logs/<logName>.log}: a
     * second instance of a service (a test's own) does not overwrite the suite's log.
     */
    static ServiceProcess start(Path root, String service, String logName, Map<String, String> env) {
        return start(root, service, logName, env, freePort());
    }

    /**
     * The same service started again after {@link #close()} or {@link #kill()}, on the same port and
     * environment, so that whoever calls it (another service's configured URL) reaches it again.
     */
    ServiceProcess restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        return start(root, name, logName, env, port, true);
    }

    private static ServiceProcess start(Path root, String service, String logName, Map<String, String> env, int port) {
        return start(root, service, logName, env, port, false);
    }

    /** {@code appendLog}: a restart writes after the first run's output, which stays readable. */
    private static ServiceProcess start(Path root, String service, String logName, Map<String, String> env, int port,
            boolean appendLog) {
        Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + service + " first (the reactor builds it before"
                    + " contract-tests)");
        }
        Path work = root.resolve("contract-tests/target/contract-run");
        Path log = root.resolve("contract-tests/target/contract-logs").resolve(logName + ".log");
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(work.resolve("tmp"));
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JVM_OPTIONS);
            command.add("-Djava.io.tmpdir=" + work.resolve("tmp"));
            command.add("-jar");
            command.add(jar.toString());
            ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            builder.environment().put("AGENTRY_LOG_JSON", "false");
            builder.environment().put("DJL_CACHE_DIR", work.resolve("djl").toString());
            Process process = builder.start();
            // A test JVM that is killed (a surefire timeout) must not leave services running.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            ServiceProcess started = new ServiceProcess(service, port, process, log, root, logName, Map.copyOf(env));
            started.awaitReady();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    /** The HTTP port, which serves gRPC too. */
    int port() {
        return port;
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUri() + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting:\n" + tail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        close();
        throw new IllegalStateException(name + " was not ready after " + READY_TIMEOUT.toSeconds() + " s:\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Kills the process the way a crash or an OOM killer does: SIGKILL ({@code destroyForcibly} on
     * Unix), no shutdown hooks, nothing flushed. Returns the exit code (137 for SIGKILL).
     */
    int kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " survived SIGKILL for 20 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /**
     * Freezes the process ({@code kill -STOP}): it keeps its port and accepts connections (the
     * kernel does), but answers nothing, the way a service stuck in a long GC pause or on an
     * overloaded node looks to its callers. {@link #thaw()} resumes it where it stopped.
     */
    void freeze() {
        signal("STOP");
        frozen = true;
    }

    /** Resumes a {@link #freeze() frozen} process ({@code kill -CONT}). */
    void thaw() {
        signal("CONT");
        frozen = false;
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).redirectErrorStream(true).start();
            if (!kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " (" + name + ") failed: "
                        + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (frozen) {
            thaw(); // a stopped process would not act on SIGTERM until resumed
        }
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
