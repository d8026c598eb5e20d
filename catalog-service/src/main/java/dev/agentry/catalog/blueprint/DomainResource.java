package dev.agentry.catalog.blueprint;

import dev.agentry.common.http.Created;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Knowledge domains and their attribute definitions: the global blueprint every tenant reads. */
@Path("/v1/domains")
@Tag(name = "Blueprint")
public class DomainResource {

    @Inject
    BlueprintService blueprint;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Domain.class)))
    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(operationId = "createDomain", summary = "Create a knowledge domain (platform admins)")
    public Uni<RestResponse<Domain>> create(@NotNull @Valid DomainCreate body) {
        return blueprint.createDomain(body).map(d -> Created.at("/v1/domains/" + d.id(), d));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listDomains", summary = "List knowledge domains")
    public Uni<Page<Domain>> list(@QueryParam("include_archived") boolean includeArchived,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return blueprint.domains(includeArchived, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getDomain", summary = "Read a knowledge domain")
    public Uni<Domain> get(@PathParam("id") UUID id) {
        return blueprint.domain(id);
    }

    @POST
    @Path("/{id}/archive")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(operationId = "archiveDomain", summary = "Archive a knowledge domain (soft delete; platform admins)")
    public Uni<Domain> archive(@PathParam("id") UUID id) {
        return blueprint.archiveDomain(id);
    }

    @POST
    @Path("/{id}/attributes")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "createAttributeDefinition",
            summary = "Define an attribute of a domain: for the caller's tenant, or global (platform admins)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AttributeDefinition.class)))
    public Uni<RestResponse<AttributeDefinition>> createAttribute(@PathParam("id") UUID id,
            @NotNull @Valid AttributeDefinitionCreate body) {
        return blueprint.createAttribute(id, body)
                .map(a -> Created.at("/v1/domains/" + id + "/attributes/" + a.id(), a));
    }

    @GET
    @Path("/{id}/attributes")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listAttributeDefinitions", summary = "The domain's attributes: global ones and the caller's own")
    public Uni<List<AttributeDefinition>> attributes(@PathParam("id") UUID id) {
        return blueprint.attributes(id);
    }
}
