package dev.agentry.audit.export;

import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** A time range of one audit table, streamed as NDJSON. */
@Path("/v1/audit/export")
@Tag(name = "Audit export")
public class ExportResource {

    @Inject
    ExportService export;

    /** {@code table}: turn_records, audit_events, audit_logs, usage_metrics or integration_sync_logs. */
    @Operation(operationId = "exportRecords")
    @GET
    @Produces("application/x-ndjson")
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.AUDITOR, Roles.TENANT_ADMIN })
    public Multi<Map<String, Object>> export(@QueryParam("table") String table, @QueryParam("from") Instant from,
            @QueryParam("to") Instant to) {
        return export.export(table, from, to);
    }
}
