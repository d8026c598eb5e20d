package dev.agentry.common.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How {@code Idempotency-Key} on creating POSTs is honoured. */
@ConfigMapping(prefix = "agentry.idempotency")
public interface IdempotencyConfig {

    /** Honour the header at all. */
    @WithDefault("true")
    boolean enabled();

    /** How long a completed answer is replayed for the same key. */
    @WithDefault("24h")
    Duration retention();

    /** How long a key stays locked while its first request runs; a crash frees it after this. */
    @WithDefault("60s")
    Duration inFlightTimeout();

    /** Keys longer than this are refused (400). */
    @WithDefault("255")
    int maxKeyLength();
}
