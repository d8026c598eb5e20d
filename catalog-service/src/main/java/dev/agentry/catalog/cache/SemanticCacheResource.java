package dev.agentry.catalog.cache;

import dev.agentry.common.http.Created;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The semantic cache: answers kept by the meaning of their question, per tenant, bot version and language. */
@Path("/v1/semantic-cache")
@Tag(name = "Semantic cache")
public class SemanticCacheResource {

    @Inject
    SemanticCacheService cache;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SemanticCacheEntry.class)))
    @POST
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    @Operation(operationId = "fillSemanticCache", summary = "Remember an answer by its question's embedding, with what it was built from")
    public Uni<RestResponse<SemanticCacheEntry>> fill(@NotNull @Valid SemanticCacheFill body) {
        return cache.fill(body).map(e -> Created.at("/v1/semantic-cache/" + e.id(), e));
    }

    @POST
    @Path("/lookup")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "lookupSemanticCache",
            summary = "The nearest live entry of a bot version and language, served when its similarity reaches the tenant's threshold")
    public Uni<SemanticCacheLookupResult> lookup(@NotNull @Valid SemanticCacheLookup body) {
        return cache.lookup(body);
    }

    @GET
    @Path("/settings")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getSemanticCacheSettings", summary = "The tenant's similarity threshold and default TTL")
    public Uni<SemanticCacheSettings> settings() {
        return cache.settings();
    }

    @PUT
    @Path("/settings")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "putSemanticCacheSettings", summary = "Set the tenant's similarity threshold and default TTL")
    public Uni<SemanticCacheSettings> putSettings(@NotNull @Valid SemanticCacheSettings body) {
        return cache.putSettings(body);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getSemanticCacheEntry", summary = "Read an entry (also an expired one, until it is purged)")
    public Uni<SemanticCacheEntry> get(@PathParam("id") UUID id) {
        return cache.get(id);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    @Operation(operationId = "deleteSemanticCacheEntry", summary = "Forget an entry")
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return cache.delete(id).map(v -> RestResponse.noContent());
    }
}
