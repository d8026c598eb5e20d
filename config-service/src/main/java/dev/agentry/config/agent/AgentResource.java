package dev.agentry.config.agent;

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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Agents: managed by tenant admins, read by viewers and the agent runtime. */
@Path("/v1/agents")
@Tag(name = "Agents")
public class AgentResource {

    @Inject
    AgentService agents;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Agent.class)))
    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<Agent>> create(@NotNull @Valid AgentCreate body) {
        return agents.create(body).map(a -> Created.at("/v1/agents/" + a.id(), a));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<Agent>> list(@QueryParam("status") AgentStatus status, @QueryParam("enabled") Boolean enabled,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return agents.list(status, enabled, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Agent> get(@PathParam("id") UUID id) {
        return agents.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<Agent> update(@PathParam("id") UUID id, @NotNull @Valid AgentUpdate body) {
        return agents.update(id, body);
    }

    /** Soft delete: the agent and everything under it disappear from the API; the name and slug are free again. */
    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return agents.delete(id).map(v -> RestResponse.noContent());
    }
}
