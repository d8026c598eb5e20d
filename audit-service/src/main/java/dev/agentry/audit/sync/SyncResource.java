package dev.agentry.audit.sync;

import dev.agentry.audit.store.Params;
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

/** Integration sync logs, newest first, by system, run and start time. */
@Path("/v1/audit/sync-logs")
@Tag(name = "Integration sync logs")
public class SyncResource {

    @Inject
    SyncService syncs;

    @GET
    @RolesAllowed({ Roles.AUDITOR, Roles.TENANT_ADMIN })
    public Uni<Page<SyncLog>> list(@QueryParam("system") String system, @QueryParam("sync_run_id") String run,
            @QueryParam("from") Instant from, @QueryParam("to") Instant to,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return syncs.list(system, Params.uuid("sync_run_id", run), from, to, PageRequest.of(limit, cursor));
    }
}
