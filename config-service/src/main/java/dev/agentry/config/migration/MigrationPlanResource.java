package dev.agentry.config.migration;

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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** One migration plan and its lifecycle actions (slash sub-paths: /approve, /reject, /deploy). */
@Path("/v1/migration-plans")
@Tag(name = "Migration plans")
public class MigrationPlanResource {

    @Inject
    MigrationPlanService plans;

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<MigrationPlan> get(@PathParam("id") UUID id) {
        return plans.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<MigrationPlan> update(@PathParam("id") UUID id, @NotNull @Valid MigrationPlanUpdate body) {
        return plans.update(id, body);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return plans.delete(id).map(v -> RestResponse.noContent());
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<MigrationPlan> approve(@PathParam("id") UUID id) {
        return plans.approve(id);
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<MigrationPlan> reject(@PathParam("id") UUID id) {
        return plans.reject(id);
    }

    @POST
    @Path("/{id}/deploy")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<MigrationPlan> deploy(@PathParam("id") UUID id) {
        return plans.deploy(id);
    }
}
