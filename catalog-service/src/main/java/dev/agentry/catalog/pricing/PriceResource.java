package dev.agentry.catalog.pricing;

import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Price resolution: the one price of a variant that applies on a channel, in a currency, at an instant. */
@Path("/v1/variants/{id}/price")
@Tag(name = "Pricing")
public class PriceResource {

    @Inject
    PricingService pricing;

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "resolvePrice", summary = "The price that applies: the channel's list valid at `at` "
            + "(valid_from inclusive, valid_to exclusive), else the tenant's default list; `at` defaults to now")
    public Uni<VariantPrice> resolve(@PathParam("id") UUID id, @QueryParam("channel") String channel,
            @QueryParam("currency") String currency, @QueryParam("at") Instant at) {
        return pricing.resolve(id, channel, currency, at);
    }
}
