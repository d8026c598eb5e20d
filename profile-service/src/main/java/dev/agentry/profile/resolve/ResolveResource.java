package dev.agentry.profile.resolve;

import dev.agentry.common.http.Created;
import dev.agentry.common.tenant.Roles;
import dev.agentry.profile.identity.IdentityCreate;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /v1/profiles/resolve}: the profile of a channel identity. A sub-path rather than the
 * {@code :resolve} custom-method style, which Quarkus REST does not route beside {@code /{id}}.
 */
@Path("/v1/profiles")
@Tag(name = "Profiles")
public class ResolveResource {

    @Inject
    ResolveService resolver;

    /** 200 when the identity is known, 201 when this call created profile and identity. */
    @Operation(operationId = "resolveProfile")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ResolveResult.class)))
    @APIResponse(responseCode = "200", description = "It existed already: the existing one",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ResolveResult.class)))
    @POST
    @Path("/resolve")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AGENT_RUNTIME })
    public Uni<RestResponse<ResolveResult>> resolve(@NotNull @Valid IdentityCreate body) {
        return resolver.resolve(body).map(r -> r.created() ? Created.at("/v1/profiles/" + r.profile().id(), r)
                : RestResponse.ok(r));
    }
}
