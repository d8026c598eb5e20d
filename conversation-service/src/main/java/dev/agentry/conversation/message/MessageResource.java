package dev.agentry.conversation.message;

import dev.agentry.common.http.Created;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The messages of a session, in order. */
@Path("/v1/sessions/{id}/messages")
@Tag(name = "Messages")
public class MessageResource {

    @Inject
    MessageService messages;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Message.class)))
    @POST
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<RestResponse<Message>> append(@PathParam("id") UUID id, @NotNull @Valid MessageCreate body) {
        return messages.append(id, body).map(m -> Created.at("/v1/sessions/" + id + "/messages", m));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<Message>> list(@PathParam("id") UUID id, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return messages.list(id, PageRequest.of(limit, cursor));
    }
}
