package dev.agentry.memory.forgetting;

import dev.agentry.common.tenant.Roles;
import dev.agentry.memory.episode.EpisodeType;
import dev.agentry.common.page.Page;
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
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Retention by age per episode type: the tenant's policies, and a run on demand (a timer runs it too). */
@Path("/v1/retention")
@Tag(name = "Forgetting")
public class RetentionResource {

    @Inject
    RetentionService retention;

    /**
     * The effective maximum age of each episode type, and where it comes from: a page like every
     * list (in episode-type order; the cursor is the last type of the page).
     */
    @GET
    @Path("/policies")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AUDITOR })
    public Uni<Page<RetentionPolicy>> policies(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return retention.policies(limit, cursor);
    }

    @PUT
    @Path("/policies/{episode_type}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RetentionPolicy> set(@PathParam("episode_type") EpisodeType type, @NotNull @Valid RetentionPolicyUpdate body) {
        return retention.set(type, body);
    }

    /** Removes the tenant's own policy for the type; the service default applies again. */
    @DELETE
    @Path("/policies/{episode_type}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<Void>> clear(@PathParam("episode_type") EpisodeType type) {
        return retention.clear(type).map(v -> RestResponse.noContent());
    }

    /** Deletes the caller tenant's expired episodes now and reports how many of each type. */
    @POST
    @Path("/run")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RetentionRun> run() {
        return retention.runForCaller();
    }
}
