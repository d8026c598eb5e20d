package dev.agentry.audit.ingest;

import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Audit records from producers that do not publish to the stream themselves. */
@Path("/v1/audit/records")
@Tag(name = "Audit ingest")
public class IngestResource {

    @Inject
    IngestService ingest;

    /** Stores a batch idempotently (by id and time); 200 with how many rows were new. */
    @Operation(operationId = "ingestRecords")
    @POST
    @RolesAllowed(Roles.AGENT_RUNTIME)
    public Uni<IngestResult> ingest(@NotNull @Valid RecordBatch batch) {
        return ingest.ingest(batch);
    }
}
