package dev.agentry.config.template;

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

/** One template, and rendering it (created and listed under its agent: {@link AgentTemplateResource}). */
@Path("/v1/templates")
@Tag(name = "Templates")
public class TemplateResource {

    @Inject
    TemplateService templates;

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Template> get(@PathParam("id") UUID id) {
        return templates.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<Template> update(@PathParam("id") UUID id, @NotNull @Valid TemplateUpdate body) {
        return templates.update(id, body);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return templates.delete(id).map(v -> RestResponse.noContent());
    }

    @POST
    @Path("/{id}/render")
    @NoConfigChange
    @RolesAllowed(Roles.VIEWER)
    public Uni<RenderResult> render(@PathParam("id") UUID id, @NotNull RenderRequest body) {
        return templates.render(id, body);
    }
}
