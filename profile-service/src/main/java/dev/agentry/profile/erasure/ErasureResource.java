package dev.agentry.profile.erasure;

import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Erasure requests (made by {@code DELETE /v1/profiles/{id}}) and how far each reached: the receipt
 * of every store that holds personal data (memory-, audit- and conversation-service), or pending.
 * For the tenant's administrators and auditors.
 */
@Path("/v1/profiles/erasures")
@Tag(name = "Profile erasures")
public class ErasureResource {

    @Inject
    ErasureService erasures;

    @GET
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AUDITOR })
    public Uni<Page<Erasure>> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return erasures.list(PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{erasureId}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AUDITOR })
    public Uni<Erasure> get(@PathParam("erasureId") UUID erasureId) {
        return erasures.get(erasureId);
    }
}
