package dev.agentry.memory.graph;

import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Relationships between entities. There is no DELETE: a fact that stops holding is closed
 * ({@code PATCH valid_to}) or contradicted by a newer one, so that history stays answerable;
 * deleting an entity (or erasing a customer) removes its relationships.
 */
@Path("/v1/relationships")
@Tag(name = "Knowledge graph")
public class RelationshipResource {

    @Inject
    RelationshipService relationships;

    /** 201 with the new relationship and those it closed; 200 when it restates a current one. */
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RelationshipAssertion.class)))
    @APIResponse(responseCode = "200", description = "It existed already: the existing one",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RelationshipAssertion.class)))
    @POST
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<RestResponse<RelationshipAssertion>> create(@NotNull @Valid RelationshipCreate body) {
        return relationships.create(body).map(a -> a.created()
                ? RestResponse.ResponseBuilder.<RelationshipAssertion> created(URI.create("/v1/relationships/" + a.relationship().id()))
                        .entity(a).build()
                : RestResponse.ok(a));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<Relationship>> list(@QueryParam("source_entity_id") UUID source, @QueryParam("target_entity_id") UUID target,
            @QueryParam("relationship_type") String type, @QueryParam("as_of") Instant asOf,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return relationships.list(new RelationshipStore.Filter(source, target, type, asOf), PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Relationship> get(@PathParam("id") UUID id) {
        return relationships.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<Relationship> update(@PathParam("id") UUID id, @NotNull @Valid RelationshipUpdate body) {
        return relationships.update(id, body);
    }
}
