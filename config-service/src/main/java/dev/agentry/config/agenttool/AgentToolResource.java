package dev.agentry.config.agenttool;

import dev.agentry.common.page.Page;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** An agent's tools by priority (links and activations). */
@Path("/v1/agents/{agentId}/tools")
@Tag(name = "Tools")
public class AgentToolResource {

    @Inject
    AgentToolService links;

    /** The top {@code limit} tools by priority (lower first); {@code active=true} keeps only enabled links of enabled tools. */
    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<AgentTool>> list(@PathParam("agentId") UUID agentId, @QueryParam("active") Boolean active,
            @QueryParam("limit") Integer limit) {
        return links.top(agentId, Boolean.TRUE.equals(active), limit).map(items -> new Page<>(items, null));
    }

    @GET
    @Path("/{toolId}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<AgentTool> get(@PathParam("agentId") UUID agentId, @PathParam("toolId") UUID toolId) {
        return links.get(agentId, toolId);
    }

    @PUT
    @Path("/{toolId}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<AgentTool> put(@PathParam("agentId") UUID agentId, @PathParam("toolId") UUID toolId, @NotNull @Valid AgentToolPut body) {
        return links.put(agentId, toolId, body);
    }

    @DELETE
    @Path("/{toolId}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<Void>> delete(@PathParam("agentId") UUID agentId, @PathParam("toolId") UUID toolId) {
        return links.delete(agentId, toolId).map(v -> RestResponse.noContent());
    }
}
