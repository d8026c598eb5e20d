package dev.agentry.conversation.dependency;

import dev.agentry.conversation.ConversationServiceConfig;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A circuit breaker per {@link Dependency} (SmallRye Fault Tolerance's programmatic {@link Guard}):
 * when enough of a dependency's recent calls failed
 * ({@code agentry.conversation.turn.breaker.*}), its calls are not made for {@code delay}, they
 * fail at once with {@code CircuitBreakerOpenException}, so a dead service costs a turn nothing
 * instead of a timeout; then one call is let through to try it again. A failure is what the call
 * itself throws: unreachable, a timeout, a 5xx ({@link ServiceCalls}); a 4xx is an answer, and a
 * call cut short by the turn's deadline ({@link DeadlineReached}) is the turn's lack of time, not
 * the dependency's fault: neither counts. The breakers are named {@code turn-<dependency>}, for
 * {@code CircuitBreakerMaintenance}.
 */
@ApplicationScoped
public class Breakers {

    private static final Logger LOG = Logger.getLogger(Breakers.class);

    @Inject
    ConversationServiceConfig config;

    private final Map<Dependency, Guard> guards = new EnumMap<>(Dependency.class);

    @PostConstruct
    void init() {
        ConversationServiceConfig.Breaker settings = config.turn().breaker();
        for (Dependency dependency : Dependency.values()) {
            guards.put(dependency, Guard.create()
                    .withDescription("calls to " + dependency.label())
                    .withCircuitBreaker()
                    .name(name(dependency))
                    .requestVolumeThreshold(settings.requestVolumeThreshold())
                    .failureRatio(settings.failureRatio())
                    .delay(settings.delay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(settings.successThreshold())
                    .skipOn(DeadlineReached.class)
                    .onStateChange(state -> log(dependency, state))
                    .done()
                    // The call is a non-blocking Uni: it stays on the caller's thread.
                    .withThreadOffload(false)
                    .build());
        }
    }

    /** The breaker's name: {@code turn-config}, {@code turn-llm}. */
    public static String name(Dependency dependency) {
        return "turn-" + dependency.label();
    }

    /**
     * {@code call} through {@code dependency}'s breaker: subscribed only while it is closed (or
     * half-open, as its trial), else a {@code CircuitBreakerOpenException} at once.
     */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public <T> Uni<T> guard(Dependency dependency, Supplier<Uni<T>> call) {
        Guard guard = guards.get(dependency);
        return Uni.createFrom().deferred(() -> (Uni<T>) guard.get((Supplier) call, Uni.class));
    }

    private static void log(Dependency dependency, CircuitBreakerState state) {
        switch (state) {
            case OPEN -> LOG.warnf("circuit breaker of %s opened: its calls are skipped for now", dependency.label());
            case HALF_OPEN -> LOG.infof("circuit breaker of %s half-open: trying it again", dependency.label());
            case CLOSED -> LOG.infof("circuit breaker of %s closed: %s answers again", dependency.label(), dependency.label());
        }
    }
}
