package dev.agentry.conversation.checkpoint;

import dev.agentry.common.page.Page;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Checkpoints of a session's thread. */
@Path("/v1/sessions/{id}/checkpoints")
@Tag(name = "Checkpoints")
public class CheckpointResource {

    @Inject
    CheckpointService checkpoints;

    /** 201 when new, 200 when it replaced a checkpoint of the same id. */
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Checkpoint.class)))
    @APIResponse(responseCode = "200", description = "Replaced the checkpoint of the same id",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Checkpoint.class)))
    @PUT
    @Path("/{checkpointId}")
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<RestResponse<Checkpoint>> put(@PathParam("id") UUID id, @PathParam("checkpointId") String checkpointId,
            @NotNull @Valid CheckpointPut body) {
        return checkpoints.put(id, checkpointId, body).map(saved -> saved.inserted()
                ? RestResponse.ResponseBuilder.<Checkpoint> created(URI.create("/v1/sessions/" + id + "/checkpoints/"
                        + java.net.URLEncoder.encode(checkpointId, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")))
                        .entity(saved.checkpoint()).build()
                : RestResponse.ok(saved.checkpoint()));
    }

    @GET
    @Path("/latest")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Checkpoint> latest(@PathParam("id") UUID id) {
        return checkpoints.latest(id);
    }

    @GET
    @Path("/{checkpointId}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Checkpoint> get(@PathParam("id") UUID id, @PathParam("checkpointId") String checkpointId) {
        return checkpoints.get(id, checkpointId);
    }

    /** The checkpoint and its ancestors through parent_id, newest first. */
    @GET
    @Path("/{checkpointId}/chain")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<Checkpoint>> chain(@PathParam("id") UUID id, @PathParam("checkpointId") String checkpointId) {
        return checkpoints.chain(id, checkpointId);
    }
}
