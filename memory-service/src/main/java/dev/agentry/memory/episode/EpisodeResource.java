package dev.agentry.memory.episode;

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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The tenant's episodic memory: written by the agent runtime (and tenant admins), read and searched
 * by any role of the tenant.
 */
@Path("/v1/episodes")
@Tag(name = "Episodes")
public class EpisodeResource {

    @Inject
    EpisodeService episodes;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Episode.class)))
    @POST
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<RestResponse<Episode>> create(@NotNull @Valid EpisodeCreate body) {
        return episodes.create(body).map(e -> Created.at("/v1/episodes/" + e.id(), e));
    }

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EpisodeBulkCreated.class)))
    @POST
    @Path("/bulk")
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<RestResponse<EpisodeBulkCreated>> createAll(@NotNull @Valid EpisodeBulkCreate body) {
        return episodes.createAll(body).map(created -> RestResponse.status(RestResponse.Status.CREATED, created));
    }

    @POST
    @Path("/search")
    @RolesAllowed(Roles.VIEWER)
    public Uni<EpisodeSearchResult> search(@NotNull @Valid EpisodeSearch body) {
        return episodes.search(body);
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<Episode>> list(@QueryParam("agent_id") UUID agentId,
            @QueryParam("customer_profile_id") UUID customerProfileId, @QueryParam("session_id") UUID sessionId,
            @QueryParam("group_id") UUID groupId, @QueryParam("type") List<EpisodeType> types,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return episodes.list(new EpisodeStore.Filter(agentId, customerProfileId, sessionId, groupId, types),
                PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Episode> get(@PathParam("id") UUID id) {
        return episodes.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<Episode> update(@PathParam("id") UUID id, @NotNull @Valid EpisodeUpdate body) {
        return episodes.update(id, body);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return episodes.delete(id).map(v -> RestResponse.noContent());
    }
}
