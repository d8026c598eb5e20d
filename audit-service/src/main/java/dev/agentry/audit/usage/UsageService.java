package dev.agentry.audit.usage;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Usage aggregated per day or month. The range is bounded (400 days of days, 120 months of months)
 * and so is the answer ({@value #MAX_BUCKETS} buckets; more is a 400 asking for a narrower range
 * or one metric type).
 */
@ApplicationScoped
public class UsageService {

    static final int MAX_BUCKETS = 5000;

    @Inject
    TenantTransactions tx;

    @Inject
    UsageStore store;

    @Inject
    TenantContext caller;

    public Uni<UsageReport> aggregate(Granularity granularity, String metricType, UUID agentId, Instant from, Instant to) {
        Granularity g = granularity == null ? Granularity.DAY : granularity;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant end = to != null ? to : today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant start = from != null ? from : (g == Granularity.DAY ? today.minusDays(29) : today.withDayOfMonth(1)
                .minusMonths(11)).atStartOfDay().toInstant(ZoneOffset.UTC);
        if (!end.isAfter(start)) {
            throw new ValidationException("to", "must be after from");
        }
        Duration span = Duration.between(start, end);
        if (g == Granularity.DAY && span.toDays() > 400) {
            throw new ValidationException("from", "a daily report covers at most 400 days");
        }
        if (g == Granularity.MONTH && span.toDays() > 3700) {
            throw new ValidationException("from", "a monthly report covers at most 120 months");
        }
        String type = metricType == null || metricType.isBlank() ? null : metricType.strip();
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.aggregate(conn, tenant, g, type, agentId, start, end, MAX_BUCKETS + 1))
                .map(buckets -> {
                    if (buckets.size() > MAX_BUCKETS) {
                        throw new ValidationException("from", "more than " + MAX_BUCKETS
                                + " buckets: narrow the range or name a metric_type");
                    }
                    return new UsageReport(g, start, end, buckets);
                });
    }
}
