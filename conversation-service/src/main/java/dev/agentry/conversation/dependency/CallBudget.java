package dev.agentry.conversation.dependency;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One turn's deadline, shared by every call the turn makes to another service: a call may take its
 * own timeout, but never past the deadline, and a call due after it is not made. It also keeps what
 * the turn's calls ran into (an open circuit breaker, the deadline) for the decision event.
 * Thread-safe: the turn's calls run in parallel.
 */
public final class CallBudget {

    private static final long NO_DEADLINE = Long.MAX_VALUE;

    private final long deadlineNanos;
    private final Set<Dependency> circuitsOpen = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean deadlineReached = new AtomicBoolean();

    private CallBudget(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** A budget that ends {@code deadline} from now. */
    public static CallBudget until(Duration deadline) {
        return new CallBudget(System.nanoTime() + deadline.toNanos());
    }

    /** No deadline: each call has its own timeout only (work outside a turn, or after its answer). */
    public static CallBudget unbounded() {
        return new CallBudget(NO_DEADLINE);
    }

    /**
     * How long a call whose own timeout is {@code timeout} may take now: the timeout, or less when the
     * deadline is nearer; empty when the deadline has passed (the call is not made, and that is
     * remembered).
     */
    public Optional<Duration> allow(Duration timeout) {
        if (deadlineNanos == NO_DEADLINE) {
            return Optional.of(timeout);
        }
        long left = deadlineNanos - System.nanoTime();
        if (left < 1_000_000) {
            deadlineReached.set(true);
            return Optional.empty();
        }
        return Optional.of(timeout.toNanos() <= left ? timeout : Duration.ofNanos(left));
    }

    /** A call took all the time the deadline left it. */
    void reachedDeadline() {
        deadlineReached.set(true);
    }

    /** A call was not made because {@code dependency}'s circuit breaker is open. */
    void circuitOpen(Dependency dependency) {
        circuitsOpen.add(dependency);
    }

    /** Whether a call was skipped or cut short by the deadline. */
    public boolean deadlineReached() {
        return deadlineReached.get();
    }

    /** The dependencies whose open breaker skipped a call, by name, in a stable order. */
    public List<String> circuitsOpen() {
        return circuitsOpen.stream().sorted(Comparator.naturalOrder()).map(Dependency::label).toList();
    }
}
