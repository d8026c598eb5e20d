package dev.agentry.config.template;

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

/** An agent's templates. */
@Path("/v1/agents/{agentId}/templates")
@Tag(name = "Templates")
public class AgentTemplateResource {

    @Inject
    TemplateService templates;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Template.class)))
    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<Template>> create(@PathParam("agentId") UUID agentId, @NotNull @Valid TemplateCreate body) {
        return templates.create(agentId, body).map(t -> Created.at("/v1/templates/" + t.id(), t));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<Template>> list(@PathParam("agentId") UUID agentId, @QueryParam("mode") TemplateMode mode,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return templates.list(agentId, mode, PageRequest.of(limit, cursor));
    }
}
