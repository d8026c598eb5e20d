package dev.agentry.audit.log;

import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who did what to which resource, and whether the trail is intact. */
@Path("/v1/audit")
@Tag(name = "Audit logs")
public class LogResource {

    @Inject
    LogService logs;

    /** Audit logs newest first, narrowed by actor, action, resource and time ({@code from <= created_at < to}). */
    @GET
    @Path("/logs")
    @RolesAllowed({ Roles.AUDITOR, Roles.TENANT_ADMIN })
    public Uni<Page<AuditLog>> list(@QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("resource_type") String resourceType, @QueryParam("resource_id") String resourceId,
            @QueryParam("from") Instant from, @QueryParam("to") Instant to,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return logs.list(actor, action, resourceType, resourceId, from, to, PageRequest.of(limit, cursor));
    }

    /** Recomputes the tenant's hash chain over {@code [from, to)} and names the first broken link. */
    @GET
    @Path("/verify")
    @RolesAllowed({ Roles.AUDITOR, Roles.TENANT_ADMIN })
    public Uni<ChainVerification> verify(@QueryParam("from") Instant from, @QueryParam("to") Instant to,
            @QueryParam("after_seq") Long afterSeq) {
        return logs.verify(from, to, afterSeq);
    }
}
