package dev.agentry.profile.identity;

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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The channel identities of a profile. */
@Path("/v1/profiles/{id}/identities")
@Tag(name = "Channel identities")
public class IdentityResource {

    @Inject
    IdentityService identities;

    /** 409 when the identity already belongs to a profile (this one included). */
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Identity.class)))
    @POST
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AGENT_RUNTIME })
    public Uni<RestResponse<Identity>> add(@PathParam("id") UUID id, @NotNull @Valid IdentityCreate body) {
        return identities.add(id, body)
                .map(i -> Created.at("/v1/profiles/" + i.profileId() + "/identities/" + i.id(), i));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<Identity>> list(@PathParam("id") UUID id, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return identities.list(id, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{identityId}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Identity> get(@PathParam("id") UUID id, @PathParam("identityId") UUID identityId) {
        return identities.get(id, identityId);
    }

    @DELETE
    @Path("/{identityId}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AGENT_RUNTIME })
    public Uni<RestResponse<Void>> remove(@PathParam("id") UUID id, @PathParam("identityId") UUID identityId) {
        return identities.remove(id, identityId).map(v -> RestResponse.noContent());
    }
}
