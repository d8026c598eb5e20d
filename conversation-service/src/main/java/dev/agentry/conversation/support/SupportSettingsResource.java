package dev.agentry.conversation.support;

import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's support desk settings (defaults until a tenant admin puts its own). */
@Path("/v1/support/settings")
@Tag(name = "Support settings")
public class SupportSettingsResource {

    @Inject
    SupportSettingsService settings;

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<SupportSettings> get() {
        return settings.get();
    }

    /** Replaces the settings; an absent field takes its default. */
    @APIResponse(responseCode = "200", description = "The settings now in force",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SupportSettings.class)))
    @APIResponse(responseCode = "503", description = "memory-service could not confirm the knowledge collection; nothing was changed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @PUT
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<SupportSettings> put(@HeaderParam("Authorization") String authorization, @NotNull @Valid SupportSettingsPut body) {
        return settings.put(authorization, body);
    }
}
