package dev.agentry.config.apikey;

import dev.agentry.common.http.Created;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
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
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The caller tenant's API keys. */
@Path("/v1/api-keys")
@Tag(name = "API keys")
public class ApiKeyResource {

    @Inject
    ApiKeyService apiKeys;

    /** The answer carries {@code key}, the secret, this one time only. */
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiKeyCreated.class)))
    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<ApiKeyCreated>> create(@NotNull @Valid ApiKeyCreate body) {
        return apiKeys.create(body).map(k -> Created.at("/v1/api-keys/" + k.apiKey().id(), k));
    }

    @GET
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AUDITOR })
    public Uni<Page<ApiKey>> list(@QueryParam("status") ApiKeyStatus status, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return apiKeys.list(status, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AUDITOR })
    public Uni<ApiKey> get(@PathParam("id") UUID id) {
        return apiKeys.get(id);
    }

    /** Takes effect at once for token exchanges; tokens already issued live out their short TTL. */
    @POST
    @Path("/{id}/revoke")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<ApiKey> revoke(@PathParam("id") UUID id) {
        return apiKeys.revoke(id);
    }
}
