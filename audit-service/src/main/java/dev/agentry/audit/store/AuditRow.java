package dev.agentry.audit.store;

import dev.agentry.common.audit.AuditRecord;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/** A record checked against its table: the row document the insert reads, and the partition time. */
public record AuditRow(AuditRecord record, AuditTable table, Instant partitionTime, JsonObject doc) {

    public UUID tenantId() {
        return record.tenantId();
    }
}
