package dev.agentry.conversation.dependency;

/**
 * A call that timed out because the turn's deadline left it less than its own timeout: the turn ran
 * out of time, which does not count against the dependency's circuit breaker.
 */
public class DeadlineReached extends RuntimeException {

    public DeadlineReached(String url) {
        super(url + " cut short by the turn's deadline", null, false, false);
    }
}
