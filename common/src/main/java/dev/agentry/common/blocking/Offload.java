package dev.agentry.common.blocking;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Runs blocking or CPU-heavy work off the event loop, and brings its outcome back to the Vert.x
 * context of the caller.
 *
 * <p>The way back matters: the request's CDI context, its trace context, its MDC and Hibernate
 * Reactive's session all live in the request's (duplicated) Vert.x context. A step chained after
 * {@code runSubscriptionOn} alone would run on the worker thread, and a database call made there
 * would answer on another context, where none of them is. MicroProfile Context Propagation used to
 * carry the CDI context across that hop, at the price of wrapping every Mutiny step of every
 * request; it is off (common's microprofile-config.properties), so the hop back is explicit here.
 */
public final class Offload {

    private Offload() {
    }

    /** {@code work} on Quarkus's worker pool; its item or failure is emitted on the caller's context. */
    public static <T> Uni<T> toWorker(Supplier<T> work) {
        return to(Infrastructure.getDefaultWorkerPool(), work);
    }

    /**
     * {@code work} on {@code executor}; its item or failure is emitted on the Vert.x context that
     * subscribed (on the executor's thread when there was none, e.g. at start-up).
     */
    public static <T> Uni<T> to(Executor executor, Supplier<T> work) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            Uni<T> off = Uni.createFrom().item(work).runSubscriptionOn(executor);
            return caller == null ? off : off.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        });
    }
}
