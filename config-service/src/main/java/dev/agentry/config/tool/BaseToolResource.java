package dev.agentry.config.tool;

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

/** The platform's tool types. */
@Path("/v1/base-tools")
@Tag(name = "Tools")
public class BaseToolResource {

    @Inject
    BaseToolService baseTools;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = BaseTool.class)))
    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public Uni<RestResponse<BaseTool>> create(@NotNull @Valid BaseToolCreate body) {
        return baseTools.create(body).map(b -> Created.at("/v1/base-tools/" + b.id(), b));
    }

    /** The tool types, newest first, a page at a time (optionally the one of a {@code type}). */
    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<BaseTool>> list(@QueryParam("type") String type, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return baseTools.list(type, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<BaseTool> get(@PathParam("id") UUID id) {
        return baseTools.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public Uni<BaseTool> update(@PathParam("id") UUID id, @NotNull @Valid BaseToolUpdate body) {
        return baseTools.update(id, body);
    }
}
