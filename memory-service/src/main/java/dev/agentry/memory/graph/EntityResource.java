package dev.agentry.memory.graph;

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
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Entities of the tenant's knowledge graph, their neighbourhoods and their histories. */
@Path("/v1/entities")
@Tag(name = "Knowledge graph")
public class EntityResource {

    @Inject
    EntityService entities;

    @Inject
    RelationshipService relationships;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Entity.class)))
    @POST
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<RestResponse<Entity>> create(@NotNull @Valid EntityCreate body) {
        return entities.create(body).map(e -> Created.at("/v1/entities/" + e.id(), e));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<Entity>> list(@QueryParam("entity_type") String entityType, @QueryParam("name") String name,
            @QueryParam("agent_id") UUID agentId, @QueryParam("customer_profile_id") UUID customerProfileId,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return entities.list(new EntityStore.Filter(entityType, name, agentId, customerProfileId), PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Entity> get(@PathParam("id") UUID id) {
        return entities.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<Entity> update(@PathParam("id") UUID id, @NotNull @Valid EntityUpdate body) {
        return entities.update(id, body);
    }

    /** Deletes the entity and every relationship touching it. */
    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return entities.delete(id).map(v -> RestResponse.noContent());
    }

    /** The entities within {@code depth} hops, through relationships valid at {@code as_of} (default now). */
    @GET
    @Path("/{id}/neighbours")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Neighbourhood> neighbours(@PathParam("id") UUID id, @QueryParam("depth") @DefaultValue("1") int depth,
            @QueryParam("direction") Direction direction, @QueryParam("relationship_type") List<String> relationshipTypes,
            @QueryParam("entity_type") List<String> entityTypes, @QueryParam("as_of") Instant asOf) {
        return relationships.neighbours(id, depth, direction == null ? Direction.BOTH : direction, relationshipTypes,
                entityTypes, asOf);
    }

    /** Every relationship the entity took part in, current and closed, newest recorded first. */
    @GET
    @Path("/{id}/history")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<Relationship>> history(@PathParam("id") UUID id, @QueryParam("relationship_type") String type,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return relationships.history(id, type, PageRequest.of(limit, cursor));
    }
}
