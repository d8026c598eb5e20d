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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import dev.agentry.config.support.NoConfigChange;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Tools of the caller's tenant, and checking an input against a tool's schema ({@code /validate}). */
@Path("/v1/tool-configs")
@Tag(name = "Tools")
public class ToolConfigResource {

    @Inject
    ToolConfigService tools;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ToolConfig.class)))
    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<ToolConfig>> create(@NotNull @Valid ToolConfigCreate body) {
        return tools.create(body).map(t -> Created.at("/v1/tool-configs/" + t.id(), t));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<ToolConfig>> list(@QueryParam("type") String type, @QueryParam("enabled") Boolean enabled,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return tools.list(type, enabled, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<ToolConfig> get(@PathParam("id") UUID id) {
        return tools.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<ToolConfig> update(@PathParam("id") UUID id, @NotNull @Valid ToolConfigUpdate body) {
        return tools.update(id, body);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return tools.delete(id).map(v -> RestResponse.noContent());
    }

    /** 200 with {@code valid} and the failing paths; nothing is stored. */
    @POST
    @Path("/{id}/validate")
    @NoConfigChange
    @RolesAllowed(Roles.VIEWER)
    public Uni<ValidateResult> validate(@PathParam("id") UUID id, @NotNull ValidateRequest body) {
        return tools.validate(id, body);
    }
}
