package dev.agentry.catalog.imports;

import dev.agentry.common.http.Created;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Import jobs (config-service's "migration plans" are another thing): a CSV or JSON file of
 * offerings, processed in the background with progress and per-row errors.
 */
@Path("/v1/import-jobs")
@Tag(name = "Import jobs")
public class ImportJobResource {

    @Inject
    ImportJobService jobs;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportJob.class)))
    @POST
    @Consumes("text/csv")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "createImportJobFromCsv", summary = "Upload a CSV file of offerings (a header line, then one record per line)")
    public Uni<RestResponse<ImportJob>> createFromCsv(@QueryParam("kind") String kind, String body) {
        return jobs.createFromCsv(kind, body).map(job -> Created.at("/v1/import-jobs/" + job.id(), job));
    }

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportJob.class)))
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "createImportJob", summary = "Import offerings given as JSON records")
    public Uni<RestResponse<ImportJob>> createFromJson(@NotNull @Valid ImportJobCreate body) {
        return jobs.createFromJson(body).map(job -> Created.at("/v1/import-jobs/" + job.id(), job));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listImportJobs", summary = "List import jobs, of one status when given")
    public Uni<Page<ImportJob>> list(@QueryParam("status") String status, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return jobs.list(status, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getImportJob", summary = "A job's status, progress and per-row errors")
    public Uni<ImportJob> get(@PathParam("id") UUID id) {
        return jobs.get(id);
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "cancelImportJob", summary = "Stop a pending or processing job where it is (the rows done stay)")
    public Uni<ImportJob> cancel(@PathParam("id") UUID id) {
        return jobs.cancel(id);
    }
}
