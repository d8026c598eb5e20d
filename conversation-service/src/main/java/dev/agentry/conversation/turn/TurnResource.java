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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A conversation turn: what the customer said in, the agent's answer out. */
@Path("/v1/sessions/{id}/turns")
@Tag(name = "Turns")
public class TurnResource {

    @Inject
    TurnService turns;

    @Inject
    StreamedAnswers streamed;

    /**
     * Runs the turn pipeline on a live session and answers 200 even when a dependency is down or
     * slow (it is named in {@code degraded}); the caller's token is what the pipeline calls the
     * other services with.
     */
    @POST
    @Operation(operationId = "takeTurn", description = "Takes a turn and answers its result. With Accept: text/event-stream (and only when the header names it) the same request is answered as server-sent events instead: token events ({\"content\": ...}) as the LLM writes, then a turn event with this result's fields.")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<TurnResult> take(@PathParam("id") UUID id, @NotNull @Valid TurnRequest body,
            @HeaderParam("Authorization") String authorization) {
        return turns.take(id, body, authorization);
    }

    /**
     * The same turn with {@code Accept: text/event-stream} ({@link TurnEvents}): the LLM's words as
     * they arrive, then the turn's summary. The session is checked before the stream starts
     * ({@link TurnStreamPrecheck}).
     */
    @POST
    // Not a second operation in the published document: the same path and verb as takeTurn, which
    // describes it (a generated client built from two operations on one path got only the last one).
    @Operation(hidden = true)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @TurnStreamPrecheck.SessionChecked
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Multi<OutboundSseEvent> stream(@PathParam("id") UUID id, @NotNull @Valid TurnRequest body,
            @HeaderParam("Authorization") String authorization, @Context Sse sse, @Context ContainerRequestContext request) {
        Optional<String> key = streamed.reservedSlot(request);
        return TurnEvents.of(sse, onToken -> turns.take(id, body, authorization, onToken)
                .call(result -> streamed.keep(key, result)).onFailure().call(e -> streamed.free(key)));
    }
}
