package dev.agentry.catalog.blueprint;

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
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** System capabilities (offering search, price analysis, ...): global, written by platform admins. */
@Path("/v1/capabilities")
@Tag(name = "Blueprint")
public class CapabilityResource {

    @Inject
    BlueprintService blueprint;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Capability.class)))
    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(operationId = "createCapability", summary = "Create a system capability (platform admins)")
    public Uni<RestResponse<Capability>> create(@NotNull @Valid CapabilityCreate body) {
        return blueprint.createCapability(body).map(c -> Created.at("/v1/capabilities/" + c.id(), c));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listCapabilities", summary = "List system capabilities, of one domain when given")
    public Uni<List<Capability>> list(@QueryParam("domain_id") UUID domainId) {
        return blueprint.capabilities(domainId);
    }
}
