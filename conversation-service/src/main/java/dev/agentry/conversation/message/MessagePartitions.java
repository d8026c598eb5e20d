package dev.agentry.conversation.message;

import dev.agentry.conversation.ConversationServiceConfig;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Keeps the monthly partitions of {@code messages} made ahead: at start and then daily, through the
 * migration's SECURITY DEFINER function (the runtime role owns no table). Without them rows would
 * land in the default partition, which works but defeats pruning.
 */
@ApplicationScoped
public class MessagePartitions {

    private static final Logger LOG = Logger.getLogger(MessagePartitions.class);

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    ConversationServiceConfig config;

    void onStart(@Observes StartupEvent event) {
        ensure();
        vertx.setPeriodic(Duration.ofDays(1).toMillis(), id -> ensure());
    }

    void ensure() {
        pool.preparedQuery("SELECT ensure_message_partitions($1)").execute(Tuple.of(config.partitionMonthsAhead()))
                .subscribe().with(rows -> {
                    int made = rows.iterator().next().getInteger(0);
                    if (made > 0) {
                        LOG.infof("made %d monthly partitions of messages", made);
                    }
                }, failure -> LOG.warnf("could not make the monthly partitions of messages: %s", failure.getMessage()));
    }
}
