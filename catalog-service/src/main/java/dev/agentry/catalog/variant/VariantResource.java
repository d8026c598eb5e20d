package dev.agentry.catalog.variant;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Variants (SKUs) under their offering. */
@Path("/v1/offerings/{id}/variants")
@Tag(name = "Variants")
public class VariantResource {

    @Inject
    VariantService variants;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Variant.class)))
    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "createVariant", summary = "Create a variant (SKU unique per tenant)")
    public Uni<RestResponse<Variant>> create(@PathParam("id") UUID id, @NotNull @Valid VariantCreate body) {
        return variants.create(id, body).map(v -> Created.at("/v1/variants/" + v.id(), v));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listVariants", summary = "An offering's variants")
    public Uni<Page<Variant>> list(@PathParam("id") UUID id, @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return variants.list(id, PageRequest.of(limit, cursor));
    }
}
