package dev.agentry.profile.customer;

import dev.agentry.common.http.Created;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.Roles;
import dev.agentry.profile.base.Profile;
import dev.agentry.profile.view.ProfileView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

/**
 * Customer profiles: creation, list and search, the whole-profile view, the external id, erasure.
 * Writes are for tenant admins and the agent runtime, reads for every role of the tenant, erasure
 * for tenant admins alone. Any id of a merged profile answers as its survivor. Resolve
 * ({@code POST /v1/profiles/resolve}) and merge ({@code POST /v1/profiles/{id}/merge}) have their
 * own packages and resources.
 */
@Path("/v1/profiles")
@Tag(name = "Profiles")
public class ProfileResource {

    @Inject
    ProfileService profiles;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProfileView.class)))
    @POST
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AGENT_RUNTIME })
    public Uni<RestResponse<ProfileView>> create(@NotNull @Valid ProfileCreate body) {
        return profiles.create(body).map(p -> Created.at("/v1/profiles/" + p.id(), p));
    }

    /** Lists live profiles, or finds them by one of external id, channel identity, field value. */
    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<Profile>> search(@QueryParam("external_id") String externalId, @QueryParam("channel") String channel,
            @QueryParam("channel_user_id") String channelUserId, @QueryParam("field") String field,
            @QueryParam("value") String value, @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return profiles.search(new ProfileSearch(externalId, channel, channelUserId, field, value), PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<ProfileView> get(@PathParam("id") UUID id) {
        return profiles.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AGENT_RUNTIME })
    public Uni<ProfileView> update(@PathParam("id") UUID id, @NotNull @Valid ProfileUpdate body) {
        return profiles.update(id, body);
    }

    /** Erasure: removes the person entirely and answers what was removed. */
    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<ErasureReceipt> erase(@PathParam("id") UUID id) {
        return profiles.erase(id);
    }
}
