package dev.agentry.memory.knowledge.collection;

import dev.agentry.common.http.Created;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

/** Knowledge collections: managed by tenant admins, read by any role of the tenant (searched: KnowledgeSearchResource). */
@Path("/v1/collections")
@Tag(name = "Knowledge")
public class CollectionResource {

    @Inject
    CollectionService collections;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Collection.class)))
    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<Collection>> create(@NotNull @Valid CollectionCreate body) {
        return collections.create(body).map(c -> Created.at("/v1/collections/" + c.id(), c));
    }

    /** The tenant's collections, newest first; {@code slug} finds one by the name callers configure. */
    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<Collection>> list(@QueryParam("status") CollectionStatus status, @QueryParam("slug") String slug,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return collections.list(status, slug, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Collection> get(@PathParam("id") UUID id) {
        return collections.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<Collection> update(@PathParam("id") UUID id, @NotNull @Valid CollectionUpdate body) {
        return collections.update(id, body);
    }

    /** Removes the collection's documents and chunks; the collection stays as deleted, with its query log. */
    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return collections.delete(id).map(v -> RestResponse.noContent());
    }
}
