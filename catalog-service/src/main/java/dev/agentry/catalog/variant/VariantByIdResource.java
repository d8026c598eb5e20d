package dev.agentry.catalog.variant;

import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A variant read by its id. */
@Path("/v1/variants/{id}")
@Tag(name = "Variants")
public class VariantByIdResource {

    @Inject
    VariantService variants;

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getVariant", summary = "Read a variant")
    public Uni<Variant> get(@PathParam("id") UUID id) {
        return variants.get(id);
    }
}
