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

    @POST
    @Path("/adjust")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AGENT_RUNTIME })
    @Operation(operationId = "adjustStock", summary = "Add or remove stock at a location (never below zero: 409)")
    public Uni<Availability> adjust(@PathParam("id") UUID id, @NotNull @Valid StockAdjust body) {
        return inventory.adjust(id, body);
    }

    @POST
    @Path("/reserve")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AGENT_RUNTIME })
    @Operation(operationId = "reserveStock", summary = "Reserve units, all or nothing (409 with what is available)")
    public Uni<Availability> reserve(@PathParam("id") UUID id, @NotNull @Valid StockReserve body) {
        return inventory.reserve(id, body);
    }
}
