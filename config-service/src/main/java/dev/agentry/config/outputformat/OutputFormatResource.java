package dev.agentry.config.outputformat;

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

/** Output formats of the caller's tenant. */
@Path("/v1/output-formats")
@Tag(name = "Output formats")
public class OutputFormatResource {

    @Inject
    OutputFormatService formats;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OutputFormat.class)))
    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<OutputFormat>> create(@NotNull @Valid OutputFormatCreate body) {
        return formats.create(body).map(f -> Created.at("/v1/output-formats/" + f.id(), f));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<OutputFormat>> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return formats.list(PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<OutputFormat> get(@PathParam("id") UUID id) {
        return formats.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<OutputFormat> update(@PathParam("id") UUID id, @NotNull @Valid OutputFormatUpdate body) {
        return formats.update(id, body);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return formats.delete(id).map(v -> RestResponse.noContent());
    }
}
