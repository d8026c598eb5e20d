package dev.agentry.config.llm;

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

/** The platform's LLM model registry. */
@Path("/v1/llm-models")
@Tag(name = "LLM models")
public class LlmModelResource {

    @Inject
    LlmModelService models;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = LlmModel.class)))
    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public Uni<RestResponse<LlmModel>> create(@NotNull @Valid LlmModelCreate body) {
        return models.create(body).map(m -> Created.at("/v1/llm-models/" + m.id(), m));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<LlmModel>> list(@QueryParam("provider") String provider, @QueryParam("enabled") Boolean enabled,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return models.list(provider, enabled, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<LlmModel> get(@PathParam("id") UUID id) {
        return models.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public Uni<LlmModel> update(@PathParam("id") UUID id, @NotNull @Valid LlmModelUpdate body) {
        return models.update(id, body);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return models.delete(id).map(v -> RestResponse.noContent());
    }
}
