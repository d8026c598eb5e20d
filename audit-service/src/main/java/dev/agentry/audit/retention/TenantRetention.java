package dev.agentry.audit.retention;

import dev.agentry.audit.AuditServiceConfig;
import dev.agentry.common.limits.PlanLimitNames;
import dev.agentry.common.limits.PlanLimitStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;

/**
 * How long a tenant's audit trail is kept: its plan's {@code audit_retention_days} (the plan limits
 * config-service publishes in Redis, read as every service reads them), else
 * {@code agentry.audit.retention.default}; never below {@code agentry.audit.retention.minimum}.
 * A Redis failure fails the lookup: the job then removes nothing rather than guess.
 */
@ApplicationScoped
public class TenantRetention {

    @Inject
    PlanLimitStore limits;

    @Inject
    AuditServiceConfig config;

    public Uni<Duration> of(UUID tenant) {
        return limits.limit(tenant, PlanLimitNames.AUDIT_RETENTION_DAYS).map(days -> {
            Duration own = days.isPresent() && days.getAsLong() >= 0 ? Duration.ofDays(days.getAsLong())
                    : config.retention().defaultRetention();
            Duration floor = config.retention().minimum();
            return own.compareTo(floor) < 0 ? floor : own;
        });
    }
}
