package dev.agentry.config.variable;

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
import dev.agentry.config.support.NoConfigChange;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** One variable (created and listed under its agent: {@link AgentVariableResource}). */
@Path("/v1/variables")
@Tag(name = "Variables")
public class VariableResource {

    @Inject
    VariableService variables;

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Variable> get(@PathParam("id") UUID id) {
        return variables.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<Variable> update(@PathParam("id") UUID id, @NotNull @Valid VariableUpdate body) {
        return variables.update(id, body);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return variables.delete(id).map(v -> RestResponse.noContent());
    }

    /** What the variable's update policy makes of a session's current value and a new one (changes nothing). */
    @POST
    @Path("/{id}/apply")
    @NoConfigChange
    @RolesAllowed(Roles.VIEWER)
    public Uni<ApplyResult> apply(@PathParam("id") UUID id, @NotNull ApplyRequest body) {
        return variables.apply(id, body);
    }
}
