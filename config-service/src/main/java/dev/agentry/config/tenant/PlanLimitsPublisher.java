package dev.agentry.config.tenant;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.limits.PlanLimitNames;
import dev.agentry.common.limits.PlanLimitStore;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.config.ConfigServiceConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps every service's view of the tenants' plan limits current: config-service owns the plans
 * and writes each tenant's limits to Redis ({@link PlanLimitStore}) after every change of a
 * tenant, at start, and every {@code agentry.config.limits.republish-interval}. Every service reads
 * them in the round trip that counts a request, so a change of plan applies at the next request.
 * A deleted or suspended tenant keeps its limits (its token is refused before they matter).
 */
@ApplicationScoped
public class PlanLimitsPublisher {

    private static final Logger LOG = Logger.getLogger(PlanLimitsPublisher.class);
    private static final int PAGE = 200;

    @Inject
    PlanLimitStore limits;

    @Inject
    TenantTransactions tx;

    @Inject
    TenantStore tenants;

    @Inject
    ConfigServiceConfig config;

    @Inject
    Vertx vertx;

    /** Publishes {@code tenant}'s limits; a Redis failure is logged, not raised: the tenant change stands. */
    public Uni<Tenant> publish(Tenant tenant) {
        return limits.publish(tenant.id(), limitsOf(tenant)).replaceWith(tenant).onFailure().recoverWithItem(e -> {
            LOG.warnf("limits of tenant %s not published (healed at the next republish): %s", tenant.id(), e.toString());
            return tenant;
        });
    }

    void onStart(@Observes StartupEvent event) {
        republishAll().subscribe().with(n -> LOG.debugf("published the limits of %d tenants", n),
                e -> LOG.warnf("tenant limits not published at start: %s", e.toString()));
        long every = config.limits().republishInterval().toMillis();
        if (every > 0) {
            vertx.setPeriodic(every, id -> republishAll().subscribe().with(n -> { },
                    e -> LOG.warnf("tenant limits not republished: %s", e.toString())));
        }
    }

    /** Every tenant's limits, a page of tenants at a time (each page its own short transaction). */
    public Uni<Integer> republishAll() {
        return republishFrom(null, 0);
    }

    private Uni<Integer> republishFrom(UUID after, int done) {
        PageRequest request = new PageRequest(PAGE, after);
        return tx.asPlatform(conn -> tenants.list(conn, null, request)).flatMap(rows -> {
            Page<Tenant> page = Page.of(rows, request, Tenant::id);
            return Multi.createFrom().iterable(page.items()).onItem().transformToUniAndConcatenate(this::publish)
                    .collect().asList().flatMap(published -> page.nextCursor() == null
                            ? Uni.createFrom().item(done + published.size())
                            : republishFrom(page.items().get(page.items().size() - 1).id(), done + published.size()));
        });
    }

    static Map<String, Long> limitsOf(Tenant tenant) {
        Map<String, Long> values = new HashMap<>();
        TenantLimits l = tenant.limits();
        if (l != null) {
            values.put(PlanLimitNames.MAX_AGENTS, l.maxAgents() == null ? null : l.maxAgents().longValue());
            values.put(PlanLimitNames.MAX_DAILY_REQUESTS, l.maxDailyRequests() == null ? null : l.maxDailyRequests().longValue());
            values.put(PlanLimitNames.MAX_MONTHLY_TOKENS, l.maxMonthlyTokens());
            values.put(PlanLimitNames.AUDIT_RETENTION_DAYS, l.auditRetentionDays() == null ? null : l.auditRetentionDays().longValue());
        }
        return values;
    }
}
