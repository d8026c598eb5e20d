package dev.agentry.conversation.turn;

import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A conversation turn: what the customer said in, the agent's answer out. */
@Path("/v1/sessions/{id}/turns")
@Tag(name = "Turns")
public class TurnResource {

    @Inject
    TurnService turns;

    /**
     * Runs the turn pipeline on a live session and answers 200 even when a dependency is down or
     * slow (it is named in {@code degraded}); the caller's token is what the pipeline calls the
     * other services with.
     */
    @POST
    @Operation(operationId = "takeTurn")
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<TurnResult> take(@PathParam("id") UUID id, @NotNull @Valid TurnRequest body,
            @HeaderParam("Authorization") String authorization) {
        return turns.take(id, body, authorization);
    }
}
