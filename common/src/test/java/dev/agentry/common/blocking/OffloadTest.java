package dev.agentry.common.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The work runs on the executor, and what follows it runs on the Vert.x context that subscribed:
 * where the request's CDI, trace and Hibernate Reactive state live.
 */
class OffloadTest {

    private static Vertx vertx;
    private static ExecutorService executor;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "offload-test-worker"));
    }

    @AfterAll
    static void stop() throws Exception {
        executor.shutdownNow();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    record Seen(String workThread, Context after, Context caller, String afterThread) {
    }

    @Test
    void theItemComesBackOnTheCallersContext() throws Exception {
        Seen seen = onContext(caller -> Offload.to(executor, () -> Thread.currentThread().getName())
                .map(work -> new Seen(work, Vertx.currentContext(), caller, Thread.currentThread().getName())));
        assertEquals("offload-test-worker", seen.workThread());
        assertNotNull(seen.after(), "the step after the work ran outside any Vert.x context");
        assertSame(seen.caller(), seen.after());
        assertNotEquals("offload-test-worker", seen.afterThread());
    }

    @Test
    void aFailureComesBackOnTheCallersContextToo() throws Exception {
        Seen seen = onContext(caller -> Offload.<Seen>to(executor, () -> {
            throw new IllegalStateException("boom");
        }).onFailure().recoverWithItem(failure -> new Seen(failure.getMessage(), Vertx.currentContext(), caller,
                Thread.currentThread().getName())));
        assertEquals("boom", seen.workThread());
        assertSame(seen.caller(), seen.after());
    }

    @Test
    void withoutAContextTheWorkersThreadCarriesOn() {
        String thread = Offload.to(executor, () -> "done").map(done -> Thread.currentThread().getName())
                .await().atMost(java.time.Duration.ofSeconds(10));
        assertTrue(thread.startsWith("offload-test-worker"), thread);
    }

    /** Subscribes on a fresh duplicated-like context (an event-loop context of its own) and waits. */
    private static Seen onContext(java.util.function.Function<Context, io.smallrye.mutiny.Uni<Seen>> uni) throws Exception {
        CompletableFuture<Seen> result = new CompletableFuture<>();
        Context context = vertx.getOrCreateContext();
        context.runOnContext(ignored -> uni.apply(context).subscribe().with(result::complete, result::completeExceptionally));
        return result.get(10, TimeUnit.SECONDS);
    }
}
