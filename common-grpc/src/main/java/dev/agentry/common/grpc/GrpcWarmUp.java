package dev.agentry.common.grpc;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.quarkus.grpc.GrpcService;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Makes the service's first gRPC call itself, to its own {@code grpc.health.v1.Health} over its
 * HTTP port, as soon as the port listens, and holds readiness ({@code /q/health/ready}, check
 * {@code grpc}) down until it has answered. Readiness is probed over HTTP, which leaves the gRPC
 * path cold: a just-started replica's first gRPC calls (HTTP/2, the gRPC server, its security and
 * error interceptors, protobuf) took conversation-service's calls past their 0.8 s timeout on a
 * busy machine, which opened its circuit breaker for a service that was back. A call that fails
 * still ends the warm-up (logged): the port answering REST is not held back by it.
 */
@Readiness
@ApplicationScoped
public class GrpcWarmUp implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(GrpcWarmUp.class);
    private static final String NAME = "grpc";

    /** What readiness waits for; null when nothing (done, or no port to warm through). */
    private final AtomicReference<String> state = new AtomicReference<>();

    /** This service's own gRPC services; none in a service that only calls gRPC (conversation-service). */
    @Inject
    @GrpcService
    Instance<BindableService> served;

    void onStart(@Observes StartupEvent start) {
        // Tests run on a random port this cannot know, and warm nothing anyone waits for; a service
        // that serves no gRPC has no gRPC path to warm.
        if (LaunchMode.current() == LaunchMode.TEST || served.isUnsatisfied()) {
            return;
        }
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
        state.set("warming up");
        long started = System.nanoTime();
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        // Wait for ready: the port may start listening just after start-up observers have run.
        GrpcHealthProbe.check(channel, Duration.ofSeconds(30), true).subscribe().with(
                status -> {
                    LOG.infof("gRPC warmed up in %d ms (%s)", (System.nanoTime() - started) / 1_000_000, status);
                    done(channel);
                },
                failure -> {
                    LOG.warnf("the gRPC warm-up call failed (%s); serving anyway", failure.toString());
                    done(channel);
                });
    }

    private void done(ManagedChannel channel) {
        state.set(null);
        channel.shutdown();
    }

    @Override
    public HealthCheckResponse call() {
        String waiting = state.get();
        return waiting == null ? HealthCheckResponse.up(NAME)
                : HealthCheckResponse.named(NAME).down().withData("state", waiting).build();
    }
}
