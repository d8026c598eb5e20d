package dev.agentry.catalog.guardrail;

import dev.agentry.common.http.Created;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The tenant's keyword lists, read by guardrail conditions as {@code matches.<code>}. */
@Path("/v1/guardrails/keyword-lists")
@Tag(name = "Guardrails")
public class KeywordListResource {

    @Inject
    GuardrailService guardrails;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = KeywordList.class)))
    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "createKeywordList", summary = "Create a keyword list")
    public Uni<RestResponse<KeywordList>> create(@NotNull @Valid KeywordListWrite body) {
        return guardrails.createList(body).map(l -> Created.at("/v1/guardrails/keyword-lists/" + l.id(), l));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listKeywordLists", summary = "The tenant's keyword lists, by code")
    public Uni<List<KeywordList>> list() {
        return guardrails.lists();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getKeywordList", summary = "Read a keyword list")
    public Uni<KeywordList> get(@PathParam("id") UUID id) {
        return guardrails.getList(id);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "updateKeywordList", summary = "Replace a keyword list")
    public Uni<KeywordList> update(@PathParam("id") UUID id, @NotNull @Valid KeywordListWrite body) {
        return guardrails.updateList(id, body);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "deleteKeywordList", summary = "Delete a keyword list (conditions naming it then match nothing for it)")
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return guardrails.deleteList(id).map(v -> RestResponse.noContent());
    }
}
