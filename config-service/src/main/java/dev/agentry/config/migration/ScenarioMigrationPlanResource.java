package dev.agentry.config.migration;

import dev.agentry.common.error.ValidationException;
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

/** A scenario's migration plans: create, generate a draft, list, and the runtime's applicable-plan lookup. */
@Path("/v1/scenarios/{scenarioId}/migration-plans")
@Tag(name = "Migration plans")
public class ScenarioMigrationPlanResource {

    @Inject
    MigrationPlanService plans;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MigrationPlan.class)))
    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<MigrationPlan>> create(@PathParam("scenarioId") UUID scenarioId, @NotNull @Valid MigrationPlanCreate body) {
        return plans.create(scenarioId, body).map(p -> Created.at("/v1/migration-plans/" + p.id(), p));
    }

    /** A draft made by matching step ids, then names, between the two versions; edit it before approving. */
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MigrationPlan.class)))
    @POST
    @Path("/generate")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<MigrationPlan>> generate(@PathParam("scenarioId") UUID scenarioId, @NotNull @Valid GeneratePlanRequest body) {
        return plans.generate(scenarioId, body).map(p -> Created.at("/v1/migration-plans/" + p.id(), p));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<MigrationPlan>> list(@PathParam("scenarioId") UUID scenarioId, @QueryParam("status") PlanStatus status,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return plans.list(scenarioId, status, PageRequest.of(limit, cursor));
    }

    /**
     * For conversation-service, at a session's next turn: the deployed plan that moves a session
     * standing on {@code from_version} of this scenario (null when none does).
     */
    @GET
    @Path("/applicable")
    @RolesAllowed(Roles.VIEWER)
    public Uni<ApplicablePlan> applicable(@PathParam("scenarioId") UUID scenarioId, @QueryParam("from_version") Integer fromVersion,
            @QueryParam("channel") String channel) {
        if (fromVersion == null || fromVersion < 1) {
            throw new ValidationException("from_version", "is required and must be 1 or more");
        }
        return plans.applicable(scenarioId, fromVersion, channel);
    }
}
