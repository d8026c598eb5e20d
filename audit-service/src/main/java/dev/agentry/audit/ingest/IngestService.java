package dev.agentry.audit.ingest;

import dev.agentry.audit.AuditServiceConfig;
import dev.agentry.audit.store.AuditRow;
import dev.agentry.audit.store.InvalidRecordException;
import dev.agentry.audit.store.RecordRows;
import dev.agentry.audit.store.RecordWriter;
import dev.agentry.common.audit.AuditRecord;
import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Records from outside producers, written straight to the tables (not through the stream: the
 * caller gets the outcome in the answer). Every record is the caller's tenant's; the batch is
 * checked as a whole first, so a bad record stores nothing.
 */
@ApplicationScoped
public class IngestService {

    @Inject
    RecordWriter writer;

    @Inject
    TenantContext caller;

    @Inject
    AuditServiceConfig config;

    public Uni<IngestResult> ingest(RecordBatch batch) {
        if (batch.records().size() > config.maxHttpBatch()) {
            throw new ValidationException("records", "must hold at most " + config.maxHttpBatch() + " records");
        }
        UUID tenant = caller.tenantId();
        List<AuditRow> rows = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < batch.records().size(); i++) {
            RecordIn in = batch.records().get(i);
            AuditRecord record = new AuditRecord(in.id() == null ? Ids.newId() : in.id(), in.kind(), tenant,
                    in.occurredAt() == null ? Instant.now() : in.occurredAt(), in.data());
            try {
                rows.add(RecordRows.row(record, "records[" + i + "]."));
            } catch (InvalidRecordException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return writer.write(rows)
                .onFailure(RecordWriter::isDataError)
                .transform(e -> new ValidationException("records", "a value was refused by the database: " + e.getMessage()))
                .map(inserted -> new IngestResult(rows.size(), inserted, rows.size() - inserted));
    }
}
