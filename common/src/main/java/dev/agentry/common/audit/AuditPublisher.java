package dev.agentry.common.audit;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Emits audit records onto the audit stream ({@code XADD}), where audit-service consumes them as a
 * consumer group. The record carries its own UUID v7 id, so a producer that retries after a
 * timeout cannot create a duplicate row: publish again with the same record.
 *
 * <p>The answer is the stream entry id once Redis has the entry (durability from there on is
 * Redis's: AOF with {@code appendfsync everysec} loses at most a second on a Redis crash).
 */
@ApplicationScoped
public class AuditPublisher {

    /** Appends in flight at once when publishing a list. */
    static final int CONCURRENCY = 32;

    @Inject
    Instance<ReactiveRedisDataSource> redis;

    @Inject
    AuditStreamConfig config;

    /** Appends one record; answers its stream entry id. */
    public Uni<String> publish(AuditRecord record) {
        return redis.get().stream(String.class).xadd(config.key(), record.toFields());
    }

    /** Appends every record (up to {@value #CONCURRENCY} at a time); answers the entry ids, in no set order. */
    public Uni<List<String>> publishAll(List<AuditRecord> records) {
        return Multi.createFrom().iterable(records)
                .onItem().transformToUni(this::publish).merge(CONCURRENCY)
                .collect().asList();
    }

    /** The stream key records go to. */
    public String streamKey() {
        return config.key();
    }
}
