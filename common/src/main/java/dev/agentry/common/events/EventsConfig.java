package dev.agentry.common.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The suite's domain event stream ({@code agentry.events.*}), the same in every service. */
@ConfigMapping(prefix = "agentry.events")
public interface EventsConfig {

    /** The Redis stream every service publishes its domain events to (Redis Cluster: one slot, the key's). */
    @WithDefault("agentry:events")
    String key();

    /** About how many entries the stream keeps ({@code XADD MAXLEN ~}); a consumer further behind loses the oldest. */
    @WithDefault("1000000")
    long maxLength();

    /** How often a consumer reads new entries. */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** How long an entry may stay unacknowledged with a consumer before another one takes it over. */
    @WithDefault("PT30S")
    Duration claimIdle();

    /** Entries read per round. */
    @WithDefault("50")
    int batchSize();

    /** Failed handlings of one entry before it is given up (logged and counted) rather than retried again. */
    @WithDefault("10")
    int maxAttempts();
}
