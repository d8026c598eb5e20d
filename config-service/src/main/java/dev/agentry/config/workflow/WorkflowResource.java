package dev.agentry.config.workflow;

import dev.agentry.common.http.Created;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
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
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Multi-agent workflows of the caller's tenant. */
@Path("/v1/workflows")
@Tag(name = "Workflows")
public class WorkflowResource {

    @Inject
    WorkflowService workflows;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Workflow.class)))
    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<Workflow>> create(@NotNull @Valid WorkflowCreate body) {
        return workflows.create(body).map(w -> Created.at("/v1/workflows/" + w.id(), w));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<Workflow>> list(@QueryParam("status") WorkflowStatus status, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return workflows.list(status, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Workflow> get(@PathParam("id") UUID id) {
        return workflows.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<Workflow> update(@PathParam("id") UUID id, @NotNull @Valid WorkflowUpdate body) {
        return workflows.update(id, body);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return workflows.delete(id).map(v -> RestResponse.noContent());
    }
}
