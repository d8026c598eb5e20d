package dev.agentry.audit.event;

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

/** Audit events by type, session, turn and time. */
@Path("/v1/audit/events")
@Tag(name = "Audit events")
public class EventResource {

    @Inject
    EventService events;

    @GET
    @RolesAllowed({ Roles.AUDITOR, Roles.TENANT_ADMIN })
    public Uni<Page<AuditEvent>> list(@QueryParam("event_type") String type, @QueryParam("session_id") String session,
            @QueryParam("turn_id") String turn, @QueryParam("from") Instant from, @QueryParam("to") Instant to,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return events.list(type, Params.uuid("session_id", session), Params.uuid("turn_id", turn), from, to, PageRequest.of(limit, cursor));
    }
}
