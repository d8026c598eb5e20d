package dev.agentry.common.embedding;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Loads the embedding model while the service starts (about a second for the in-process model),
 * and holds readiness ({@code /q/health/ready}, check {@code embedding-model}) down until it is
 * loaded: without it the first caller after every start paid for the load. A service that never
 * injects an {@link EmbeddingProvider} has none (ArC removes the unused producer), so it has
 * nothing to load and the check is up. A load that fails keeps the check down with the reason: a
 * replica that cannot embed should not get traffic.
 */
@Readiness
@ApplicationScoped
public class EmbeddingWarmUp implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(EmbeddingWarmUp.class);
    private static final String NAME = "embedding-model";

    private sealed interface State {
    }

    private record NotUsed() implements State {
    }

    private record Loading(String model) implements State {
    }

    private record Loaded(String model, long millis) implements State {
    }

    private record Failed(String model, String reason) implements State {
    }

    private final AtomicReference<State> state = new AtomicReference<>(new NotUsed());

    @Inject
    EmbeddingConfig config;

    void onStart(@Observes StartupEvent event) {
        if (!config.warmUp()) {
            return;
        }
        // Not an injection point, which would keep the provider in every service: ArC removes it
        // where the service itself injects none, so a service that does not embed loads nothing.
        // (getBeans, not instance(): looking up a removed bean logs a warning.)
        var beans = Arc.container().beanManager().getBeans(EmbeddingProvider.class);
        if (!beans.isEmpty()) {
            start(Arc.container().instance(EmbeddingProvider.class).get());
        }
    }

    /** Starts loading {@code provider}'s model; readiness follows it. */
    void start(EmbeddingProvider provider) {
        String model = provider.model();
        state.set(new Loading(model));
        long started = System.nanoTime();
        provider.load().subscribe().with(ok -> {
            long millis = (System.nanoTime() - started) / 1_000_000;
            state.set(new Loaded(model, millis));
            LOG.infof("Embedding model %s loaded in %d ms", model, millis);
        }, failure -> {
            state.set(new Failed(model, String.valueOf(failure.getMessage())));
            LOG.errorf(failure, "Embedding model %s failed to load: this replica stays not ready", model);
        });
    }

    @Override
    public HealthCheckResponse call() {
        State current = state.get();
        if (current instanceof Loaded loaded) {
            return HealthCheckResponse.named(NAME).up().withData("model", loaded.model())
                    .withData("load_ms", loaded.millis()).build();
        }
        if (current instanceof Loading loading) {
            return HealthCheckResponse.named(NAME).down().withData("model", loading.model()).withData("state", "loading").build();
        }
        if (current instanceof Failed failed) {
            return HealthCheckResponse.named(NAME).down().withData("model", failed.model())
                    .withData("error", failed.reason()).build();
        }
        return HealthCheckResponse.named(NAME).up().withData("state", "not used").build();
    }
}
