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

/** The caller tenant's MCP server configurations (secrets write-only). */
@Path("/v1/mcp-server-configs")
@Tag(name = "MCP")
public class McpServerConfigResource {

    @Inject
    McpServerConfigService configs;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = McpServerConfig.class)))
    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<McpServerConfig>> create(@NotNull @Valid McpServerConfigCreate body) {
        return configs.create(body).map(c -> Created.at("/v1/mcp-server-configs/" + c.id(), c));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<McpServerConfig>> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return configs.list(PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<McpServerConfig> get(@PathParam("id") UUID id) {
        return configs.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<McpServerConfig> update(@PathParam("id") UUID id, @NotNull @Valid McpServerConfigUpdate body) {
        return configs.update(id, body);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return configs.delete(id).map(v -> RestResponse.noContent());
    }
}
