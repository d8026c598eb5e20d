package dev.agentry.config.rule;

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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** One rule (created, listed and matched under its agent: {@link AgentRuleResource}). */
@Path("/v1/rules")
@Tag(name = "Rules")
public class RuleResource {

    @Inject
    RuleService rules;

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Rule> get(@PathParam("id") UUID id) {
        return rules.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<Rule> update(@PathParam("id") UUID id, @NotNull @Valid RuleUpdate body) {
        return rules.update(id, body);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return rules.delete(id).map(v -> RestResponse.noContent());
    }
}
