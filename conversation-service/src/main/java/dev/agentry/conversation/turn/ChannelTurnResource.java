package dev.agentry.conversation.turn;

import dev.agentry.common.tenant.Roles;
import dev.agentry.common.idempotency.StreamedAnswers;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A turn by channel identity, for callers that know no session (a messaging webhook): the channel
 * user's live session with the agent, or a new one. A class of its own: JAX-RS matches the most
 * specific class path first, so {@code /v1} beside {@code /v1/sessions} would hide session turns.
 */
@Path("/v1/turns")
@Tag(name = "Turns")
public class ChannelTurnResource {

    @Inject
    TurnService turns;

    @Inject
    StreamedAnswers streamed;

    @POST
    @Operation(operationId = "takeChannelTurn", description = "Takes a turn of the channel user's live session with the agent (opened when there is none). With Accept: text/event-stream it is streamed as takeTurn describes.")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<TurnResult> take(@NotNull @Valid ChannelTurnRequest body, @HeaderParam("Authorization") String authorization) {
        return turns.take(body, authorization);
    }

    /** The same turn streamed ({@code Accept: text/event-stream}; {@link TurnEvents}). */
    @POST
    // Described by takeChannelTurn: one operation per path and verb in the published document.
    @Operation(hidden = true)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Multi<OutboundSseEvent> stream(@NotNull @Valid ChannelTurnRequest body, @HeaderParam("Authorization") String authorization,
            @Context Sse sse, @Context ContainerRequestContext request) {
        Optional<String> key = streamed.reservedSlot(request);
        return TurnEvents.of(sse, onToken -> turns.take(body, authorization, onToken)
                .call(result -> streamed.keep(key, result)).onFailure().call(e -> streamed.free(key)));
    }
}
