package dev.agentry.config.scenario;

import dev.agentry.common.error.ValidationException;
import dev.agentry.common.page.Page;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** One scenario and its versions (created and listed under its agent: {@link AgentScenarioResource}). */
@Path("/v1/scenarios")
@Tag(name = "Scenarios")
public class ScenarioResource {

    @Inject
    ScenarioService scenarios;

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Scenario> get(@PathParam("id") UUID id) {
        return scenarios.get(id);
    }

    /** New {@code steps} archive the current version and make the next one. */
    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<Scenario> update(@PathParam("id") UUID id, @NotNull @Valid ScenarioUpdate body) {
        return scenarios.update(id, body);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return scenarios.delete(id).map(v -> RestResponse.noContent());
    }

    /** The current and archived versions, newest first; {@code before} pages back. */
    @GET
    @Path("/{id}/versions")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<ScenarioVersion>> versions(@PathParam("id") UUID id, @QueryParam("before") Integer before,
            @QueryParam("limit") Integer limit) {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 200) {
            throw new ValidationException("limit", "must be between 1 and 200");
        }
        return scenarios.versions(id, before, size).map(items -> new Page<>(items, null));
    }

    @GET
    @Path("/{id}/versions/{version}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<ScenarioVersion> version(@PathParam("id") UUID id, @PathParam("version") int version) {
        return scenarios.version(id, version);
    }
}
