package dev.agentry.config.permission;

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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Per-tenant agent and tool permissions, set by platform admins. No row means permitted; a row
 * with {@code enabled: false} makes the agent or tool invisible to the tenant; deleting the row
 * permits it again.
 */
@Path("/v1/permissions/{tenantId}")
@Tag(name = "Permissions")
@RolesAllowed(Roles.PLATFORM_ADMIN)
public class PermissionResource {

    @Inject
    PermissionService permissions;

    @GET
    @Path("/agents")
    public Uni<Page<AgentPermission>> agents(@PathParam("tenantId") UUID tenantId) {
        return permissions.agents(tenantId).map(items -> new Page<>(items, null));
    }

    @PUT
    @Path("/agents/{agentId}")
    public Uni<AgentPermission> putAgent(@PathParam("tenantId") UUID tenantId, @PathParam("agentId") UUID agentId,
            @NotNull @Valid AgentPermissionPut body) {
        return permissions.putAgent(tenantId, agentId, body);
    }

    @DELETE
    @Path("/agents/{agentId}")
    public Uni<RestResponse<Void>> deleteAgent(@PathParam("tenantId") UUID tenantId, @PathParam("agentId") UUID agentId) {
        return permissions.deleteAgent(tenantId, agentId).map(v -> RestResponse.noContent());
    }

    @GET
    @Path("/tools")
    public Uni<Page<ToolPermission>> tools(@PathParam("tenantId") UUID tenantId) {
        return permissions.tools(tenantId).map(items -> new Page<>(items, null));
    }

    @PUT
    @Path("/tools/{toolId}")
    public Uni<ToolPermission> putTool(@PathParam("tenantId") UUID tenantId, @PathParam("toolId") UUID toolId,
            @NotNull @Valid ToolPermissionPut body) {
        return permissions.putTool(tenantId, toolId, body);
    }

    @DELETE
    @Path("/tools/{toolId}")
    public Uni<RestResponse<Void>> deleteTool(@PathParam("tenantId") UUID tenantId, @PathParam("toolId") UUID toolId) {
        return permissions.deleteTool(tenantId, toolId).map(v -> RestResponse.noContent());
    }
}
