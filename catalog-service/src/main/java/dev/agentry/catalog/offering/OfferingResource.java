package dev.agentry.catalog.offering;

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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/** Offerings and their versions (draft, active, archived). */
@Path("/v1/offerings")
@Tag(name = "Offerings")
public class OfferingResource {

    @Inject
    OfferingService offerings;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Offering.class)))
    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "createOffering", summary = "Create an offering, optionally with its first draft version")
    public Uni<RestResponse<Offering>> create(@NotNull @Valid OfferingCreate body) {
        return offerings.create(body).map(o -> Created.at("/v1/offerings/" + o.id(), o));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listOfferings", summary = "List live offerings, of one domain or type when given")
    public Uni<Page<Offering>> list(@QueryParam("domain_id") UUID domainId, @QueryParam("offering_type") String type,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return offerings.list(domainId, type, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getOffering", summary = "Read an offering")
    public Uni<Offering> get(@PathParam("id") UUID id) {
        return offerings.get(id);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "deleteOffering", summary = "Soft-delete an offering (it leaves search; its code is free again)")
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return offerings.delete(id).map(v -> RestResponse.noContent());
    }

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OfferingVersion.class)))
    @POST
    @Path("/{id}/versions")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "createOfferingVersion", summary = "Create a new draft version")
    public Uni<RestResponse<OfferingVersion>> createVersion(@PathParam("id") UUID id, @NotNull @Valid VersionWrite body) {
        return offerings.createDraft(id, body).map(v -> Created.at("/v1/offerings/" + id + "/versions/" + v.version(), v));
    }

    @GET
    @Path("/{id}/versions")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listOfferingVersions", summary = "The offering's versions, newest first")
    public Uni<List<OfferingVersion>> versions(@PathParam("id") UUID id) {
        return offerings.versions(id);
    }

    @GET
    @Path("/{id}/versions/{version}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getOfferingVersion", summary = "Read one version with its attributes")
    public Uni<OfferingVersion> version(@PathParam("id") UUID id, @PathParam("version") int version) {
        return offerings.version(id, version);
    }

    @PUT
    @Path("/{id}/versions/{version}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "updateOfferingVersion", summary = "Replace a draft's content (an active version is never edited)")
    public Uni<OfferingVersion> update(@PathParam("id") UUID id, @PathParam("version") int version, @NotNull @Valid VersionWrite body) {
        return offerings.updateDraft(id, version, body);
    }

    @POST
    @Path("/{id}/versions/{version}/publish")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "publishOfferingVersion",
            summary = "Publish a draft: archive the active version and activate this one, in one transaction")
    public Uni<OfferingVersion> publish(@PathParam("id") UUID id, @PathParam("version") int version) {
        return offerings.publish(id, version);
    }
}
