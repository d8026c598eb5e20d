package dev.agentry.config.rule;

import dev.agentry.common.http.Created;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.Roles;
import dev.agentry.config.scenario.Scope;
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

/** An agent's rules: create, list, and match a message ({@code /match}, a slash sub-path: see docs). */
@Path("/v1/agents/{agentId}/rules")
@Tag(name = "Rules")
public class AgentRuleResource {

    @Inject
    RuleService rules;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Rule.class)))
    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<Rule>> create(@PathParam("agentId") UUID agentId, @NotNull @Valid RuleCreate body) {
        return rules.create(agentId, body).map(r -> Created.at("/v1/rules/" + r.id(), r));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<Rule>> list(@PathParam("agentId") UUID agentId, @QueryParam("scope") Scope scope,
            @QueryParam("enabled") Boolean enabled, @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return rules.list(agentId, scope, enabled, PageRequest.of(limit, cursor));
    }

    /** The eligible rules closest to the message, best first, with their similarity. */
    @POST
    @Path("/match")
    @NoConfigChange
    @RolesAllowed(Roles.VIEWER)
    public Uni<RuleMatches> match(@PathParam("agentId") UUID agentId, @NotNull @Valid RuleMatchRequest body) {
        return rules.match(agentId, body);
    }
}
