package dev.agentry.catalog.pricing;

import dev.agentry.common.http.Created;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Price lists (per channel and currency, valid over [valid_from, valid_to)) and their prices. */
@Path("/v1/price-lists")
@Tag(name = "Pricing")
public class PriceListResource {

    @Inject
    PricingService pricing;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PriceList.class)))
    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "createPriceList", summary = "Create a price list; one overlapping another of its channel and currency is 409")
    public Uni<RestResponse<PriceList>> create(@NotNull @Valid PriceListCreate body) {
        return pricing.createPriceList(body).map(l -> Created.at("/v1/price-lists/" + l.id(), l));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listPriceLists", summary = "The tenant's price lists, of one channel when given")
    public Uni<List<PriceList>> list(@QueryParam("channel_id") UUID channelId) {
        return pricing.priceLists(channelId);
    }

    @PUT
    @Path("/{id}/prices")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "putPrice", summary = "Write (or replace) a variant's price in this list")
    public Uni<VariantPrice> put(@PathParam("id") UUID id, @NotNull @Valid PriceWrite body) {
        return pricing.putPrice(id, body);
    }

    @GET
    @Path("/{id}/prices")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listPrices", summary = "The prices of this list")
    public Uni<List<VariantPrice>> prices(@PathParam("id") UUID id) {
        return pricing.prices(id);
    }
}
