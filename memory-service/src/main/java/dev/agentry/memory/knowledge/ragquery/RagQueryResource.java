package dev.agentry.memory.knowledge.ragquery;

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

/** The log of knowledge searches, for analytics and for explaining an answer after the fact. */
@Path("/v1/rag-queries")
@Tag(name = "Knowledge")
public class RagQueryResource {

    @Inject
    RagQueryService search;

    @GET
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AUDITOR })
    public Uni<Page<RagQuery>> list(@QueryParam("collection_id") UUID collection, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return search.list(collection, PageRequest.of(limit, cursor));
    }

    /** One search with the chunks it returned, as they were (archived versions included). */
    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AUDITOR, Roles.AGENT_RUNTIME })
    public Uni<RagQuery> get(@PathParam("id") UUID id) {
        return search.get(id);
    }

    @POST
    @Path("/{id}/feedback")
    @RolesAllowed(Roles.VIEWER)
    public Uni<RagQuery> feedback(@PathParam("id") UUID id, @NotNull @Valid RagFeedback body) {
        return search.feedback(id, body);
    }
}
