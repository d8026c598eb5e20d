package dev.agentry.config.scenario;

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
import dev.agentry.config.support.NoConfigChange;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An agent's scenarios: create, list, and match a message against their entry conditions. */
@Path("/v1/agents/{agentId}/scenarios")
@Tag(name = "Scenarios")
public class AgentScenarioResource {

    @Inject
    ScenarioService scenarios;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Scenario.class)))
    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<Scenario>> create(@PathParam("agentId") UUID agentId, @NotNull @Valid ScenarioCreate body) {
        return scenarios.create(agentId, body).map(s -> Created.at("/v1/scenarios/" + s.id(), s));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<Scenario>> list(@PathParam("agentId") UUID agentId, @QueryParam("enabled") Boolean enabled,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return scenarios.list(agentId, enabled, PageRequest.of(limit, cursor));
    }

    /** Scenarios whose entry condition is closest to the message, best first, with the strategy that ran. */
    @POST
    @Path("/match")
    @NoConfigChange
    @RolesAllowed(Roles.VIEWER)
    public Uni<ScenarioMatches> match(@PathParam("agentId") UUID agentId, @NotNull @Valid ScenarioMatchRequest body) {
        return scenarios.match(agentId, body);
    }
}
