package dev.agentry.catalog.bot;

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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Bots, their versions (activate, roll back), their history and their A/B traffic split. */
@Path("/v1/bots")
@Tag(name = "Bots")
public class BotResource {

    @Inject
    BotService bots;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Bot.class)))
    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "createBot", summary = "Create a bot fronting a config-service agent")
    public Uni<RestResponse<Bot>> create(@NotNull @Valid BotCreate body) {
        return bots.create(body).map(b -> Created.at("/v1/bots/" + b.id(), b));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listBots", summary = "List bots, of one status or agent when given")
    public Uni<Page<Bot>> list(@QueryParam("status") String status, @QueryParam("agent_id") UUID agentId,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return bots.list(status, agentId, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getBot", summary = "Read a bot with its active version")
    public Uni<Bot> get(@PathParam("id") UUID id) {
        return bots.get(id);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "updateBot", summary = "Replace a bot's name, domain, agent and status (its code never changes)")
    public Uni<Bot> update(@PathParam("id") UUID id, @NotNull @Valid BotUpdate body) {
        return bots.update(id, body);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "archiveBot", summary = "Archive a bot (kept with its versions, no longer served)")
    public Uni<RestResponse<Void>> archive(@PathParam("id") UUID id) {
        return bots.archive(id).map(v -> RestResponse.noContent());
    }

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = BotVersion.class)))
    @POST
    @Path("/{id}/versions")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "createBotVersion", summary = "Create the next version (inactive until activated; immutable)")
    public Uni<RestResponse<BotVersion>> createVersion(@PathParam("id") UUID id, @NotNull @Valid BotVersionCreate body) {
        return bots.createVersion(id, body).map(v -> Created.at("/v1/bots/" + id + "/versions/" + v.id(), v));
    }

    @GET
    @Path("/{id}/versions")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listBotVersions", summary = "The bot's versions, newest first")
    public Uni<List<BotVersion>> versions(@PathParam("id") UUID id) {
        return bots.versions(id);
    }

    @GET
    @Path("/{id}/versions/{versionId}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getBotVersion", summary = "Read one version")
    public Uni<BotVersion> version(@PathParam("id") UUID id, @PathParam("versionId") UUID versionId) {
        return bots.version(id, versionId);
    }

    @DELETE
    @Path("/{id}/versions/{versionId}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "deleteBotVersion", summary = "Delete a version that never served (never active, not in the split)")
    public Uni<RestResponse<Void>> deleteVersion(@PathParam("id") UUID id, @PathParam("versionId") UUID versionId) {
        return bots.deleteVersion(id, versionId).map(v -> RestResponse.noContent());
    }

    @POST
    @Path("/{id}/versions/{versionId}/activate")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "activateBotVersion", summary = "Make this the bot's one active version (recorded)")
    public Uni<BotVersion> activate(@PathParam("id") UUID id, @PathParam("versionId") UUID versionId) {
        return bots.activate(id, versionId);
    }

    @POST
    @Path("/{id}/rollback")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "rollbackBot", summary = "Reactivate the version that was active before the current one (recorded)")
    public Uni<BotVersion> rollback(@PathParam("id") UUID id) {
        return bots.rollback(id);
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "botVersionHistory", summary = "Activations, rollbacks and split changes, newest first")
    public Uni<Page<BotVersionEvent>> history(@PathParam("id") UUID id, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return bots.history(id, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}/traffic-split")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getBotTrafficSplit", summary = "The bot's A/B split (404 when it has none)")
    public Uni<TrafficSplit> split(@PathParam("id") UUID id) {
        return bots.split(id);
    }

    @PUT
    @Path("/{id}/traffic-split")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "putBotTrafficSplit", summary = "Split sessions between two versions by percentage (recorded)")
    public Uni<TrafficSplit> putSplit(@PathParam("id") UUID id, @NotNull @Valid TrafficSplit body) {
        return bots.putSplit(id, body);
    }

    @DELETE
    @Path("/{id}/traffic-split")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "deleteBotTrafficSplit", summary = "End the split: every session gets the active version (recorded)")
    public Uni<RestResponse<Void>> deleteSplit(@PathParam("id") UUID id) {
        return bots.deleteSplit(id).map(v -> RestResponse.noContent());
    }

    @APIResponse(responseCode = "200", description = "The version that answers the session",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SessionVersion.class)))
    @APIResponse(responseCode = "409", description = "The bot is archived, or has neither an active version nor a split",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GET
    @Path("/{id}/version-for-session/{sessionId}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "botVersionForSession",
            summary = "The version that answers a session: its split arm by a stable hash of the session id, else the active version")
    public Uni<SessionVersion> versionForSession(@PathParam("id") UUID id, @PathParam("sessionId") String sessionId) {
        return bots.versionForSession(id, sessionId);
    }
}
