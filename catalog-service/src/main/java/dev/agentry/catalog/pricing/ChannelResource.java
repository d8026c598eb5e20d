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
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Sales channels (web, zalo_oa, facebook, ...). */
@Path("/v1/channels")
@Tag(name = "Pricing")
public class ChannelResource {

    @Inject
    PricingService pricing;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Channel.class)))
    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "createChannel", summary = "Create a sales channel")
    public Uni<RestResponse<Channel>> create(@NotNull @Valid ChannelCreate body) {
        return pricing.createChannel(body).map(c -> Created.at("/v1/channels/" + c.id(), c));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listChannels", summary = "The tenant's sales channels")
    public Uni<List<Channel>> list() {
        return pricing.channels();
    }
}
