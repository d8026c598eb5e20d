package dev.agentry.audit.usage;

import dev.agentry.audit.store.Params;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Usage per day or month per metric type (plan limits, billing). */
@Path("/v1/audit/usage")
@Tag(name = "Usage")
public class UsageResource {

    @Inject
    UsageService usage;

    /** Defaults: daily over the last 30 days, monthly over the last 12 months (UTC). */
    @GET
    @RolesAllowed({ Roles.AUDITOR, Roles.TENANT_ADMIN })
    public Uni<UsageReport> aggregate(@QueryParam("granularity") Granularity granularity,
            @QueryParam("metric_type") String metricType, @QueryParam("agent_id") String agentId,
            @QueryParam("from") Instant from, @QueryParam("to") Instant to) {
        return usage.aggregate(granularity, metricType, Params.uuid("agent_id", agentId), from, to);
    }
}
