package dev.agentry.config.mcp;

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

/** The platform's MCP server registry. */
@Path("/v1/mcp-servers")
@Tag(name = "MCP")
public class McpServerResource {

    @Inject
    McpServerService servers;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = McpServer.class)))
    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public Uni<RestResponse<McpServer>> create(@NotNull @Valid McpServerCreate body) {
        return servers.create(body).map(s -> Created.at("/v1/mcp-servers/" + s.id(), s));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<McpServer>> list(@QueryParam("category") String category, @QueryParam("status") McpServerStatus status,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return servers.list(category, status, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<McpServer> get(@PathParam("id") UUID id) {
        return servers.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public Uni<McpServer> update(@PathParam("id") UUID id, @NotNull @Valid McpServerUpdate body) {
        return servers.update(id, body);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return servers.delete(id).map(v -> RestResponse.noContent());
    }
}
