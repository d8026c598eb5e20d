package dev.agentry.catalog.inventory;

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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A variant's stock: availability, adjustments, reservations that never oversell. */
@Path("/v1/variants/{id}/inventory")
@Tag(name = "Inventory")
public class InventoryResource {

    @Inject
    InventoryService inventory;

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getAvailability", summary = "Stock per location and the total available above safety stock")
    public Uni<Availability> get(@PathParam("id") UUID id) {
        return inventory.availability(id);
    }

    @APIResponse(responseCode = "200", description = "The stock after the change",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Availability.class)))
    @APIResponse(responseCode = "409", description = "insufficient-stock: the removal would take the location's stock below zero; "
            + "available is the stock there",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = InsufficientStockProblem.class)))
    @POST
    @Path("/adjust")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AGENT_RUNTIME })
    @Operation(operationId = "adjustStock", summary = "Add or remove stock at a location (never below zero: 409)")
    public Uni<Availability> adjust(@PathParam("id") UUID id, @NotNull @Valid StockAdjust body) {
        return inventory.adjust(id, body);
    }

    @APIResponse(responseCode = "200", description = "The stock after the reservation, with what was taken where",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Availability.class)))
    @APIResponse(responseCode = "409", description = "insufficient-stock: fewer units available than asked, nothing taken; "
            + "available is how many could be reserved",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = InsufficientStockProblem.class)))
    @POST
    @Path("/reserve")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AGENT_RUNTIME })
    @Operation(operationId = "reserveStock", summary = "Reserve units, all or nothing (409 with what is available)")
    public Uni<Availability> reserve(@PathParam("id") UUID id, @NotNull @Valid StockReserve body) {
        return inventory.reserve(id, body);
    }
}
