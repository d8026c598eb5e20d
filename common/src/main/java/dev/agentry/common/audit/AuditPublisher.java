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

    /** Appends in flight at once on the connection when publishing a list. */
    static final int CONCURRENCY = 64;

    @Inject
    Instance<ReactiveRedisDataSource> redis;

    @Inject
    AuditStreamConfig config;

    /** Appends one record; answers its stream entry id. */
    public Uni<String> publish(AuditRecord record) {
        return redis.get().stream(String.class).xadd(config.key(), traced(record.toFields()));
    }

    /**
     * The record's fields, with the W3C trace context ({@code traceparent}) of the request that
     * publishes it when it has one: the consumer can continue the trace that made the record.
     */
    static java.util.Map<String, String> traced(java.util.Map<String, String> fields) {
        io.opentelemetry.context.Context current = io.opentelemetry.context.Context.current();
        if (!io.opentelemetry.api.trace.Span.fromContext(current).getSpanContext().isValid()) {
            return fields;
        }
        java.util.Map<String, String> withTrace = new java.util.LinkedHashMap<>(fields);
        io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator.getInstance().inject(current, withTrace,
                (carrier, key, value) -> carrier.put(key, value));
        return withTrace;
    }

    /**
     * Appends every record over one connection, pipelined ({@value #CONCURRENCY} in flight), so a
     * large list neither waits on nor exhausts the shared connection pool; answers the entry ids, in
     * no set order. A failure leaves the records before it appended: publish the list again (the ids
     * make the repeat harmless).
     */
    public Uni<List<String>> publishAll(List<AuditRecord> records) {
        List<String> ids = java.util.Collections.synchronizedList(new java.util.ArrayList<>(records.size()));
        return redis.get().withConnection(conn -> Multi.createFrom().iterable(records)
                .onItem().transformToUni(r -> conn.stream(String.class).xadd(config.key(), traced(r.toFields())))
                .merge(CONCURRENCY)
                .invoke(ids::add)
                .collect().last().replaceWithVoid())
                .map(v -> List.copyOf(ids));
    }

    /** The stream key records go to. */
    public String streamKey() {
        return config.key();
    }
}
