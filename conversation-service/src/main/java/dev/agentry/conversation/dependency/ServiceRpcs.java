package dev.agentry.conversation.dependency;

import dev.agentry.common.grpc.GrpcHealthProbe;
import dev.agentry.conversation.ConversationServiceConfig;
import io.grpc.Channel;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The gRPC twin of {@link ServiceCalls}: one call to another Agentry service on the turn's behalf,
 * with the caller's own bearer token in the {@code authorization} metadata, through its
 * dependency's circuit breaker ({@link Breakers}), within {@code agentry.conversation.turn.call-timeout}
 * and never past the turn's deadline (the gRPC deadline of the call is what is left), and any failure
 * an empty answer, never an exception. As for REST, only the service being unwell counts against its
 * breaker ({@link #UNWELL}: unavailable, out of time, an internal error); a refusal (not found,
 * invalid, denied, over a limit) is an answer. Every call here is a read (a resolve finds what the
 * first one made), so one that found the service unavailable is tried once more within the same
 * deadline, after its channel's reconnect back-off is reset: a channel that could not connect waits
 * longer and longer (up to two minutes) before it tries again, and fails every call at once
 * meanwhile, so without the reset a restarted service would stay "unavailable" to the turn long
 * after it is back. With it, the retry waits for a fresh connection attempt: a service back (or a
 * rolling restart's new pod) answers it, one still down refuses it at once.
 */
@ApplicationScoped
public class ServiceRpcs {

    private static final Logger LOG = Logger.getLogger(ServiceRpcs.class);
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    /** The codes that mean the service is unwell (REST's 5xx and no answer), for its breaker. */
    static final Set<Status.Code> UNWELL = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.INTERNAL,
            Status.Code.UNKNOWN, Status.Code.DATA_LOSS, Status.Code.UNIMPLEMENTED);

    @Inject
    ConversationServiceConfig config;

    @Inject
    Breakers breakers;

    @GrpcClient("profile")
    Channel profile;

    @GrpcClient("config")
    Channel configChannel;

    @GrpcClient("memory")
    Channel memory;

    @GrpcClient("catalog")
    Channel catalog;

    /**
     * {@code send} with a stub made by {@link #stub}, within the budget and through the breaker; the
     * reply, or empty when the call was not made, failed or was refused.
     */
    public <T> Uni<Optional<T>> call(Dependency dependency, CallBudget budget, String operation, Function<Deadline, Uni<T>> send) {
        Duration timeout = config.turn().callTimeout();
        Optional<Duration> allowed = budget.allow(timeout);
        if (allowed.isEmpty()) {
            LOG.debugf("%s not called: the turn's deadline has passed", operation);
            return Uni.createFrom().item(Optional.empty());
        }
        boolean capped = allowed.get().compareTo(timeout) < 0;
        // One deadline for the call and its retry: the retry takes what the first try left.
        Deadline deadline = Deadline.after(allowed.get().toMillis(), TimeUnit.MILLISECONDS);
        return breakers.guard(dependency, () -> Uni.createFrom().deferred(() -> send.apply(deadline))
                .onFailure(ServiceRpcs::unavailable).invoke(e -> reconnectNow(dependency))
                .onFailure(ServiceRpcs::unavailable).retry().atMost(1)
                .map(Optional::of)
                .onFailure(e -> !unwell(e)).recoverWithItem(e -> {
                    LOG.debugf("%s refused: %s", operation, e.toString());
                    return Optional.<T> empty();
                })
                .onFailure(ServiceRpcs::outOfTime).transform(e -> capped ? new DeadlineReached(operation) : e))
                .onFailure().recoverWithItem(e -> {
                    ServiceCalls.unanswered(budget, dependency, operation, e);
                    return Optional.<T> empty();
                });
    }

    /** {@code stub} carrying the caller's {@code authorization}, due by {@code deadline}. */
    public <S extends AbstractStub<S>> S stub(S stub, String authorization, Deadline deadline) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, authorization);
        return GrpcClientUtils.attachHeaders(stub, headers).withDeadline(deadline);
    }

    /**
     * At start, each channel a dependency's calls take connects and asks the service's gRPC health:
     * channels connect lazily, and a turn's first call would otherwise pay the HTTP/2 connection and
     * both sides' first gRPC call (seen past the 0.8 s call timeout on a busy machine, where the
     * first turn's resolve came back degraded). Best effort: a service not up yet is connected to
     * by the first call that needs it, as before.
     */
    void connect(@Observes StartupEvent start) {
        for (Dependency dependency : new Dependency[] { Dependency.PROFILE, Dependency.CONFIG, Dependency.MEMORY, Dependency.CATALOG }) {
            if (config.turn().transport().of(dependency) != ConversationServiceConfig.Transport.GRPC) {
                continue;
            }
            GrpcHealthProbe.check(channelOf(dependency), Duration.ofSeconds(10), false).subscribe().with(
                    status -> LOG.debugf("gRPC to %s: %s", dependency.label(), status),
                    failure -> LOG.debugf("gRPC to %s not reached at start: %s", dependency.label(), failure.toString()));
        }
    }

    private Channel channelOf(Dependency dependency) {
        return switch (dependency) {
            case PROFILE -> profile;
            case CONFIG, LLM -> configChannel;
            case MEMORY -> memory;
            case CATALOG -> catalog;
        };
    }

    /** Lets {@code dependency}'s channel try to connect at once instead of after its back-off. */
    private void reconnectNow(Dependency dependency) {
        if (channelOf(dependency) instanceof ManagedChannel managed) {
            managed.resetConnectBackoff();
        }
    }

    private static Status.Code code(Throwable e) {
        return e instanceof StatusRuntimeException s ? s.getStatus().getCode()
                : e instanceof io.grpc.StatusException s ? s.getStatus().getCode() : null;
    }

    /** Not a status at all (a local failure) or a status of an unwell service. */
    private static boolean unwell(Throwable e) {
        Status.Code code = code(e);
        return code == null || UNWELL.contains(code);
    }

    private static boolean unavailable(Throwable e) {
        return code(e) == Status.Code.UNAVAILABLE;
    }

    private static boolean outOfTime(Throwable e) {
        return code(e) == Status.Code.DEADLINE_EXCEEDED;
    }
}
