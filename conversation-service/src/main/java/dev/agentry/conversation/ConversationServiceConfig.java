package dev.agentry.conversation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Everything conversation-service can be told, under {@code agentry.conversation}. */
@ConfigMapping(prefix = "agentry.conversation")
public interface ConversationServiceConfig {

    /** Time to live of {@code session:hot:<id>}, slid by every write (the seed: 30 min). */
    @WithDefault("PT30M")
    Duration hotTtl();

    /**
     * Time to live of {@code session:persist:<id>} and of the {@code session:index:*} keys, refreshed by
     * every write (the seed: 7 days).
     */
    @WithDefault("P7D")
    Duration persistTtl();

    /** Largest {@code variables} object of a session, in bytes of its JSON; a larger one is a 400. */
    @WithDefault("65536")
    int maxVariablesBytes();

    /** Monthly partitions of {@code messages} made ahead at start and then daily. */
    @WithDefault("3")
    int partitionMonthsAhead();

    /** Longest checkpoint chain one request walks (a chain is a thread's history, newest first). */
    @WithDefault("1000")
    int maxChainLength();

    /** Largest {@code ttl_seconds} of a context slot (a slot without one lives as long as its session). */
    @WithDefault("31536000")
    long maxSlotTtlSeconds();
}
