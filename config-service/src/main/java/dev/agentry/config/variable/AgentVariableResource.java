package dev.agentry.config.variable;

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

/** An agent's variables. */
@Path("/v1/agents/{agentId}/variables")
@Tag(name = "Variables")
public class AgentVariableResource {

    @Inject
    VariableService variables;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Variable.class)))
    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<Variable>> create(@PathParam("agentId") UUID agentId, @NotNull @Valid VariableCreate body) {
        return variables.create(agentId, body).map(v -> Created.at("/v1/variables/" + v.id(), v));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<Variable>> list(@PathParam("agentId") UUID agentId, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return variables.list(agentId, PageRequest.of(limit, cursor));
    }
}
