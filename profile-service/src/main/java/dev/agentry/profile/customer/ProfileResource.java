package dev.agentry.profile.profile;

import dev.agentry.common.http.Created;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.Roles;
import dev.agentry.profile.identity.IdentityCreate;
import dev.agentry.profile.identity.IdentityService;
import dev.agentry.profile.identity.ResolveResult;
import dev.agentry.profile.merge.MergeRequest;
import dev.agentry.profile.merge.MergeResult;
import dev.agentry.profile.merge.MergeService;
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

/**
 * Customer profiles. Writes are for tenant admins and the agent runtime, reads for every role of
 * the tenant, erasure for tenant admins alone. Any id of a merged profile answers as its survivor.
 * Resolve and merge are sub-paths ({@code /resolve}, {@code /{id}/merge}) rather than the
 * {@code :resolve} custom-method style, which Quarkus REST does not route beside {@code /{id}}.
 */
@Path("/v1/profiles")
@Tag(name = "Profiles")
public class ProfileResource {

    @Inject
    ProfileService profiles;

    @Inject
    IdentityService identities;

    @Inject
    MergeService merges;

    @POST
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AGENT_RUNTIME })
    public Uni<RestResponse<ProfileView>> create(@NotNull @Valid ProfileCreate body) {
        return profiles.create(body).map(p -> Created.at("/v1/profiles/" + p.id(), p));
    }

    /** The profile of a channel identity: 200 when known, 201 when this call created profile and identity. */
    @POST
    @Path("/resolve")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AGENT_RUNTIME })
    public Uni<RestResponse<ResolveResult>> resolve(@NotNull @Valid IdentityCreate body) {
        return identities.resolve(body).map(r -> r.created() ? Created.at("/v1/profiles/" + r.profile().id(), r)
                : RestResponse.ok(r));
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

    /** Merges {@code duplicate_id} into this profile (see MergeService). */
    @POST
    @Path("/{id}/merge")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AGENT_RUNTIME })
    public Uni<MergeResult> merge(@PathParam("id") UUID id, @NotNull @Valid MergeRequest body) {
        return merges.merge(id, body);
    }
}
