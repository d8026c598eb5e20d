package dev.agentry.catalog.guardrail;

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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Guardrails: CEL conditions over a message, block / warn / redact, and their evaluation. */
@Path("/v1/guardrails")
@Tag(name = "Guardrails")
public class GuardrailResource {

    @Inject
    GuardrailService guardrails;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Guardrail.class)))
    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "createGuardrail", summary = "Create a guardrail (its condition is compiled and type-checked)")
    public Uni<RestResponse<Guardrail>> create(@NotNull @Valid GuardrailWrite body) {
        return guardrails.create(body).map(g -> Created.at("/v1/guardrails/" + g.id(), g));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listGuardrails", summary = "List the tenant's guardrails")
    public Uni<Page<Guardrail>> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return guardrails.list(PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getGuardrail", summary = "Read a guardrail")
    public Uni<Guardrail> get(@PathParam("id") UUID id) {
        return guardrails.get(id);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "updateGuardrail", summary = "Replace a guardrail (its condition is compiled and type-checked)")
    public Uni<Guardrail> update(@PathParam("id") UUID id, @NotNull @Valid GuardrailWrite body) {
        return guardrails.update(id, body);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "deleteGuardrail", summary = "Delete a guardrail")
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return guardrails.delete(id).map(v -> RestResponse.noContent());
    }

    @POST
    @Path("/evaluate")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "evaluateGuardrails",
            summary = "Run the active guardrails in priority order on a text: the outcome, the text to use, which fired and why")
    public Uni<GuardrailEvaluation> evaluate(@NotNull @Valid GuardrailEvaluate body) {
        return guardrails.evaluate(body);
    }
}
