package dev.agentry.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** Everything audit-service can be told, under {@code agentry.audit} (the stream key is common's {@code agentry.audit-stream.key}). */
@ConfigMapping(prefix = "agentry.audit")
public interface AuditServiceConfig {

    /** Whether the stream consumer starts with the service (tests that drive it by hand turn it off). */
    @WithDefault("true")
    boolean consumerEnabled();

    /** The consumer group every audit-service replica reads the stream as. */
    @WithDefault("audit-service")
    String group();

    /** Entries read per XREADGROUP and written per batch. */
    @WithDefault("500")
    int batchSize();

    /** How long one XREADGROUP waits for new entries before the loop checks for stalled ones again. */
    @WithDefault("1s")
    Duration pollBlock();

    /**
     * How long an entry may sit delivered but unacknowledged before another consumer takes it over
     * (XAUTOCLAIM): longer than a batch can take, shorter than the loss one is willing to wait for.
     */
    @WithDefault("30s")
    Duration claimIdle();

    /** Attempts of a record that the database refuses before it moves to the dead-letter stream. */
    @WithDefault("5")
    int maxAttempts();

    /** Pause after a failed batch (database or Redis unreachable) before the loop tries again. */
    @WithDefault("1s")
    Duration retryBackoff();

    /** Dead-letter streams are {@code <prefix>:<tenant id>} (or {@code :unknown} when the tenant is unreadable). */
    @WithDefault("agentry:audit:dead")
    String deadLetterPrefix();

    /** Records one HTTP batch may hold. */
    @WithDefault("1000")
    int maxHttpBatch();

    /** Rows one verification call checks at most (a longer range answers where to continue). */
    @WithDefault("100000")
    int verifyMaxRows();

    /**
     * How often acknowledged entries are trimmed off the stream ({@code XTRIM MINID}), never past the
     * oldest pending entry nor past what this consumer has acknowledged itself. 0 turns trimming off.
     */
    @WithDefault("1m")
    Duration trimInterval();

    /** How long acknowledged entries stay on the stream before trimming (for replay and inspection). */
    @WithDefault("1h")
    Duration keepAcknowledged();

    /** Months of partitions kept made ahead of now (checked at start and then daily). */
    @WithDefault("3")
    int partitionMonthsAhead();

    /** The retention job ({@code agentry.audit.retention.*}). */
    Retention retention();

    /** How long each tenant's trail is kept and how the job that removes older rows runs. */
    interface Retention {

        /** Whether this replica runs the retention job on its timer (one replica at a time runs it anyway). */
        @WithDefault("true")
        boolean enabled();

        /**
         * How long a tenant's trail is kept when its plan has no {@code audit_retention_days} limit
         * (published in Redis by config-service like every plan limit).
         */
        @WithName("default")
        @WithDefault("P365D")
        Duration defaultRetention();

        /** The shortest retention applied, whatever a plan says (a plan limit below it is raised to it). */
        @WithDefault("P1D")
        Duration minimum();

        /** How often the job runs (the first run is one interval after start). */
        @WithDefault("1h")
        Duration interval();

        /** Rows removed per transaction: each batch is its own short transaction. */
        @WithDefault("1000")
        int batchSize();

        /**
         * How long dropping a month waits for its exclusive locks before giving up until the next run
         * (writers queue behind a waiting drop, so it must not wait long).
         */
        @WithDefault("5s")
        Duration lockTimeout();
    }
}
