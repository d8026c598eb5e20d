package dev.agentry.conversation.ticket;

import dev.agentry.common.http.Created;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The support desk's tickets. Support agents (users with the role {@code agent}, whose tokens carry
 * {@code agent-runtime}), the agent runtime itself and tenant admins work tickets; viewers and
 * auditors read them.
 */
@Path("/v1/tickets")
@Tag(name = "Tickets")
public class TicketResource {

    @Inject
    TicketService tickets;

    @Inject
    TicketMessageService messages;

    /** Creates the ticket, answers it from the knowledge base and escalates it when a trigger fires. */
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TicketActivity.class)))
    @APIResponse(responseCode = "503", description = "config-service could not confirm the user; nothing was changed (retry)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @POST
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<RestResponse<TicketActivity>> create(@NotNull @Valid TicketCreate body,
            @HeaderParam("Authorization") String authorization) {
        return tickets.create(authorization, body).map(a -> Created.at("/v1/tickets/" + a.ticket().id(), a));
    }

    /** Newest change first; filters combine. */
    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<Ticket>> list(@QueryParam("status") TicketStatus status, @QueryParam("priority") TicketPriority priority,
            @QueryParam("assigned_to") UUID assignedTo, @QueryParam("updated_after") Instant updatedAfter,
            @QueryParam("updated_before") Instant updatedBefore, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return tickets.list(new TicketStore.Filter(status, priority, assignedTo, updatedAfter, updatedBefore),
                PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{ticketId}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Ticket> get(@PathParam("ticketId") UUID ticketId) {
        return tickets.get(ticketId);
    }

    @PATCH
    @Path("/{ticketId}")
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<Ticket> patch(@PathParam("ticketId") UUID ticketId, @NotNull @Valid TicketPatch body) {
        return tickets.patch(ticketId, body);
    }

    /** Moves the ticket; 409 naming the allowed moves otherwise. Recorded in the history. */
    @POST
    @Path("/{ticketId}/transitions")
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<Ticket> transition(@PathParam("ticketId") UUID ticketId, @NotNull @Valid TicketTransition body) {
        return tickets.transition(ticketId, body);
    }

    /** Every move of the ticket, oldest first. */
    @GET
    @Path("/{ticketId}/history")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<StatusChange>> history(@PathParam("ticketId") UUID ticketId, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return tickets.history(ticketId, PageRequest.of(limit, cursor));
    }

    /** Assigns the ticket to a user of the tenant (checked with config-service). */
    @APIResponse(responseCode = "200", description = "The ticket, assigned",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Ticket.class)))
    @APIResponse(responseCode = "503", description = "config-service could not confirm the user; nothing was changed (retry)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @PUT
    @Path("/{ticketId}/assignee")
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<Ticket> assign(@PathParam("ticketId") UUID ticketId, @NotNull @Valid TicketAssignment body,
            @HeaderParam("Authorization") String authorization) {
        return tickets.assign(authorization, ticketId, body.userId());
    }

    @DELETE
    @Path("/{ticketId}/assignee")
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<Ticket> unassign(@PathParam("ticketId") UUID ticketId) {
        return tickets.unassign(ticketId);
    }

    /** Adds a message; a customer's ({@code user}) is answered from the knowledge base and may escalate the ticket. */
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TicketActivity.class)))
    @POST
    @Path("/{ticketId}/messages")
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<RestResponse<TicketActivity>> addMessage(@PathParam("ticketId") UUID ticketId,
            @NotNull @Valid TicketMessageCreate body, @HeaderParam("Authorization") String authorization) {
        return messages.add(authorization, ticketId, body)
                .map(a -> Created.at("/v1/tickets/" + ticketId + "/messages", a));
    }

    @GET
    @Path("/{ticketId}/messages")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<TicketMessage>> listMessages(@PathParam("ticketId") UUID ticketId, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return messages.list(ticketId, PageRequest.of(limit, cursor));
    }
}
