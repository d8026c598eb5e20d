package dev.agentry.memory.forgetting;

import dev.agentry.memory.MemoryConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Runs retention over every tenant on a timer ({@code agentry.memory.retention.sweep-interval};
 * 0 disables it). One sweep at a time per instance; several instances sweeping together only
 * repeat harmless deletes.
 */
@ApplicationScoped
public class RetentionSweeper {

    private static final Logger LOG = Logger.getLogger(RetentionSweeper.class);

    @Inject
    Vertx vertx;

    @Inject
    RetentionService retention;

    @Inject
    MemoryConfig config;

    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    void start(@Observes StartupEvent event) {
        long interval = config.retention().sweepInterval().toMillis();
        if (interval <= 0) {
            return;
        }
        timer = vertx.setPeriodic(interval, id -> sweep());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void sweep() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        retention.sweep().subscribe().with(deleted -> {
            running.set(false);
            if (deleted > 0) {
                LOG.infof("retention deleted %d expired episodes", deleted);
            }
        }, failure -> {
            running.set(false);
            LOG.error("retention sweep failed", failure);
        });
    }
}
