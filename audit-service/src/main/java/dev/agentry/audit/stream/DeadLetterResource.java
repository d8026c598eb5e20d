package dev.agentry.audit.stream;

import dev.agentry.common.page.Page;
import dev.agentry.common.tenant.Roles;
import dev.agentry.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's tenant's records that could not be stored, with the reason. */
@Path("/v1/audit/dead-letters")
@Tag(name = "Audit ingest")
public class DeadLetterResource {

    @Inject
    DeadLetters deadLetters;

    @Inject
    TenantContext caller;

    @GET
    @RolesAllowed({ Roles.AUDITOR, Roles.TENANT_ADMIN })
    public Uni<Page<DeadLetter>> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return deadLetters.list(caller.tenantId(), limit, cursor);
    }
}
