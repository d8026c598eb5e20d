package dev.agentry.memory.knowledge.search;

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

/** Knowledge search: any role of the tenant ranks a collection's current chunks; every search is logged. */
@Path("/v1/collections/{id}/search")
@Tag(name = "Knowledge")
public class KnowledgeSearchResource {

    @Inject
    KnowledgeSearchService search;

    /** Ranks the collection's current chunks for a query; the search is logged (see /v1/rag-queries). */
    @POST
    @RolesAllowed(Roles.VIEWER)
    public Uni<KnowledgeSearchResult> search(@PathParam("id") UUID id, @NotNull @Valid KnowledgeSearch body) {
        return search.search(id, body);
    }
}
