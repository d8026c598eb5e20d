package dev.agentry.profile.merge;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /v1/profiles/{id}/merge}: folds a duplicate into profile {@code id} (see
 * {@link MergeService}). A sub-path rather than the {@code :merge} custom-method style, which Quarkus
 * REST does not route beside {@code /{id}}.
 */
@Path("/v1/profiles/{id}/merge")
@Tag(name = "Profiles")
public class MergeResource {

    @Inject
    MergeService merges;

    @Operation(operationId = "mergeProfiles")
    @POST
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AGENT_RUNTIME })
    public Uni<MergeResult> merge(@PathParam("id") UUID id, @NotNull @Valid MergeRequest body) {
        return merges.merge(id, body);
    }
}
