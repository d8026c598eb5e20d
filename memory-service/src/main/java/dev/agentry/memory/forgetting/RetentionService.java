package dev.agentry.memory.forgetting;

import static dev.agentry.common.db.Rows.wire;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.memory.MemoryConfig;
import dev.agentry.memory.episode.EpisodeStore;
import dev.agentry.memory.episode.EpisodeType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Retention by age per episode type: the tenant's own policy, else the service default, else kept.
 * Expired episodes (by {@code recorded_at}) are deleted in batches, one short transaction each.
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class);

    @Inject
    TenantTransactions tx;

    @Inject
    RetentionStore store;

    @Inject
    EpisodeStore episodes;

    @Inject
    TenantContext caller;

    @Inject
    MemoryConfig config;

    /** A page of the effective policies, in episode-type order, after the type named by {@code cursor}. */
    public Uni<Page<RetentionPolicy>> policies(Integer limit, String cursor) {
        int size = PageRequest.of(limit, null).limit();
        int from = cursor == null ? 0 : afterType(cursor);
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.policies(conn, tenant)).map(own -> {
            List<RetentionPolicy> all = effective(own);
            List<RetentionPolicy> page = all.subList(Math.min(from, all.size()), Math.min(from + size, all.size()));
            String next = from + size < all.size() ? wire(page.get(page.size() - 1).episodeType()) : null;
            return new Page<>(List.copyOf(page), next);
        });
    }

    /** The index just after the episode type a cursor names. */
    private static int afterType(String cursor) {
        for (EpisodeType type : EpisodeType.values()) {
            if (wire(type).equals(cursor)) {
                return type.ordinal() + 1;
            }
        }
        throw new ValidationException("cursor", "is not a cursor of this list");
    }

    public Uni<RetentionPolicy> set(EpisodeType type, RetentionPolicyUpdate update) {
        UUID tenant = caller.tenantId();
        Duration maxAge;
        try {
            maxAge = Duration.parse(update.maxAge());
        } catch (DateTimeParseException e) {
            throw new ValidationException("max_age", "must be an ISO-8601 duration such as P90D or PT12H");
        }
        if (maxAge.toSeconds() < 1) {
            throw new ValidationException("max_age", "must be at least one second");
        }
        return tx.inTenant(tenant, conn -> store.upsert(conn, tenant, type, maxAge))
                .map(v -> new RetentionPolicy(type, maxAge.toString(), RetentionSource.TENANT));
    }

    /** Drops the tenant's policy for the type: the default applies again. */
    public Uni<Void> clear(EpisodeType type) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.delete(conn, tenant, type)).invoke(deleted -> {
            if (!deleted) {
                throw new NotFoundException("The tenant has no retention policy for " + wire(type) + " episodes");
            }
        }).replaceWithVoid();
    }

    /** Applies retention to the caller's tenant now. */
    public Uni<RetentionRun> runForCaller() {
        return run(caller.tenantId());
    }

    /** Applies retention to one tenant: every type with a maximum age, batch after batch. */
    public Uni<RetentionRun> run(UUID tenant) {
        Instant now = Instant.now();
        return tx.inTenant(tenant, conn -> store.policies(conn, tenant)).flatMap(own -> {
            Map<String, Integer> deleted = new LinkedHashMap<>();
            List<RetentionPolicy> active = effective(own).stream().filter(p -> p.maxAge() != null).toList();
            return Multi.createFrom().iterable(active)
                    .onItem().transformToUniAndConcatenate(p -> purge(tenant, p.episodeType(),
                            now.minus(Duration.parse(p.maxAge())), 0)
                            .invoke(n -> deleted.put(wire(p.episodeType()), n)))
                    .collect().last()
                    .map(x -> new RetentionRun(now, deleted));
        });
    }

    /** Every tenant holding episodes, one after the other; a tenant's failure is logged and skipped. */
    public Uni<Integer> sweep() {
        return tx.withoutTenant(store::tenantsWithEpisodes).flatMap(tenants -> Multi.createFrom().iterable(tenants)
                .onItem().transformToUniAndConcatenate(t -> run(t).map(r -> r.deleted().values().stream().mapToInt(i -> i).sum())
                        .onFailure().recoverWithItem(e -> {
                            LOG.errorf(e, "retention failed for tenant %s", t);
                            return 0;
                        }))
                .collect().with(java.util.stream.Collectors.summingInt(i -> i)));
    }

    private Uni<Integer> purge(UUID tenant, EpisodeType type, Instant cutoff, int sofar) {
        int batch = config.retention().batchSize();
        return tx.inTenant(tenant, conn -> episodes.deleteRecordedBefore(conn, tenant, type, cutoff, batch))
                .flatMap(n -> n < batch ? Uni.createFrom().item(sofar + n) : purge(tenant, type, cutoff, sofar + n));
    }

    private List<RetentionPolicy> effective(Map<EpisodeType, Duration> own) {
        Map<EpisodeType, Optional<Duration>> defaults = new EnumMap<>(EpisodeType.class);
        defaults.put(EpisodeType.TURN, config.retention().turn());
        defaults.put(EpisodeType.SUMMARY, config.retention().summary());
        defaults.put(EpisodeType.FACT, config.retention().fact());
        defaults.put(EpisodeType.EVENT, config.retention().event());
        List<RetentionPolicy> out = new ArrayList<>();
        for (EpisodeType type : EpisodeType.values()) {
            if (own.containsKey(type)) {
                out.add(new RetentionPolicy(type, own.get(type).toString(), RetentionSource.TENANT));
            } else if (defaults.get(type).isPresent()) {
                out.add(new RetentionPolicy(type, defaults.get(type).get().toString(), RetentionSource.DEFAULT));
            } else {
                out.add(new RetentionPolicy(type, null, RetentionSource.NONE));
            }
        }
        return out;
    }
}
