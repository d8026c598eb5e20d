package dev.agentry.catalog.inventory;

import dev.agentry.common.http.Created;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Inventory locations: warehouses, stores, virtual locations. */
@Path("/v1/inventory/locations")
@Tag(name = "Inventory")
public class LocationResource {

    @Inject
    InventoryService inventory;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Location.class)))
    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "createLocation", summary = "Create an inventory location")
    public Uni<RestResponse<Location>> create(@NotNull @Valid LocationCreate body) {
        return inventory.createLocation(body).map(l -> Created.at("/v1/inventory/locations/" + l.id(), l));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listLocations", summary = "The tenant's inventory locations")
    public Uni<List<Location>> list() {
        return inventory.locations();
    }
}
