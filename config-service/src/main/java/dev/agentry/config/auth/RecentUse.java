package dev.agentry.config.auth;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a key's use is worth writing down: {@code api_keys.last_used_at} is kept to the minute
 * (ApiKeyStore.touch writes at most once a minute), yet asking the database costs a transaction of
 * four round trips on every token exchange. This replica remembers when it last recorded each key
 * and skips the write inside the same minute; another replica records on its own, so the column is
 * at most a minute late, as before. Bounded: past {@code capacity} keys it forgets them all and
 * records each once more.
 */
final class RecentUse {

    private final long windowNanos;
    private final int capacity;
    private final ConcurrentHashMap<UUID, Long> recordedAt = new ConcurrentHashMap<>();

    RecentUse(Duration window, int capacity) {
        this.windowNanos = window.toNanos();
        this.capacity = capacity;
    }

    /** True when the use of {@code key} should be recorded now (and notes that it will be). */
    boolean shouldRecord(UUID key) {
        long now = System.nanoTime();
        Long last = recordedAt.get(key);
        if (last != null && now - last < windowNanos) {
            return false;
        }
        if (recordedAt.size() >= capacity) {
            recordedAt.clear();
        }
        recordedAt.put(key, now);
        return true;
    }
}
