package dev.agentry.profile.asset;

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

/** What a customer shared: documents, images, orders, by reference. */
@Path("/v1/profiles/{id}/assets")
@Tag(name = "Profile assets")
public class AssetResource {

    @Inject
    AssetService assets;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Asset.class)))
    @POST
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AGENT_RUNTIME })
    public Uni<RestResponse<Asset>> create(@PathParam("id") UUID id, @NotNull @Valid AssetCreate body) {
        return assets.create(id, body).map(a -> Created.at("/v1/profiles/" + a.profileId() + "/assets/" + a.id(), a));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<Asset>> list(@PathParam("id") UUID id,
            @QueryParam("asset_type") String assetType,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return assets.list(id, assetType, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{assetId}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Asset> get(@PathParam("id") UUID id, @PathParam("assetId") UUID assetId) {
        return assets.get(id, assetId);
    }

    @DELETE
    @Path("/{assetId}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AGENT_RUNTIME })
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id, @PathParam("assetId") UUID assetId) {
        return assets.delete(id, assetId).map(v -> RestResponse.noContent());
    }
}
