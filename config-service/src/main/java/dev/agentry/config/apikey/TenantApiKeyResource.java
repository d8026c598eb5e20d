package dev.agentry.config.apikey;

import dev.agentry.common.http.Created;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A platform admin minting an API key inside another tenant: how a new tenant gets its first
 * administrator. Served here, beside the other API-key endpoints, so that the tenant package does
 * not depend on the API-key package (which reads tenants).
 */
@Path("/v1/tenants/{tenantId}/api-keys")
@Tag(name = "Tenants")
public class TenantApiKeyResource {

    @Inject
    ApiKeyService apiKeys;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiKeyCreated.class)))
    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    public Uni<RestResponse<ApiKeyCreated>> create(@PathParam("tenantId") UUID tenantId, @NotNull @Valid ApiKeyCreate body) {
        return apiKeys.createInTenant(tenantId, body).map(k -> Created.at("/v1/api-keys/" + k.apiKey().id(), k));
    }
}
