package dev.agentry.audit.turn;

import dev.agentry.common.page.Page;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What happened in each turn of a conversation. */
@Path("/v1/audit/sessions/{session_id}/turns")
@Tag(name = "Turn records")
public class TurnResource {

    @Inject
    TurnService turns;

    /** The session's turns in turn order; an unknown session is an empty list. */
    @GET
    @RolesAllowed({ Roles.AUDITOR, Roles.TENANT_ADMIN })
    public Uni<Page<TurnRecord>> list(@PathParam("session_id") UUID session, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return turns.bySession(session, limit, cursor);
    }
}
