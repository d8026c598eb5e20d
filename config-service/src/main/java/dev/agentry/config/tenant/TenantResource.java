package dev.agentry.config.tenant;

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

/** Tenants: created, changed, suspended and deleted by platform admins; readable by their members. */
@Path("/v1/tenants")
@Tag(name = "Tenants")
public class TenantResource {

    @Inject
    TenantService tenants;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Tenant.class)))
    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public Uni<RestResponse<Tenant>> create(@NotNull @Valid TenantCreate body) {
        return tenants.create(body).map(t -> Created.at("/v1/tenants/" + t.id(), t));
    }

    @GET
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public Uni<Page<Tenant>> list(@QueryParam("status") TenantStatus status, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return tenants.list(status, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Tenant> get(@PathParam("id") UUID id) {
        return tenants.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public Uni<Tenant> update(@PathParam("id") UUID id, @NotNull @Valid TenantUpdate body) {
        return tenants.update(id, body);
    }

    @POST
    @Path("/{id}/suspend")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public Uni<Tenant> suspend(@PathParam("id") UUID id) {
        return tenants.suspend(id);
    }

    @POST
    @Path("/{id}/activate")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public Uni<Tenant> activate(@PathParam("id") UUID id) {
        return tenants.activate(id);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return tenants.delete(id).map(v -> RestResponse.noContent());
    }
}
