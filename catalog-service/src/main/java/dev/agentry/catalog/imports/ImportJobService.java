package dev.agentry.catalog.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.ConflictException;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Import jobs: the file is read and every row checked when it is uploaded (a malformed file is 400
 * and no job; a bad row is an error of the job and is skipped), the checked rows are kept in the
 * job, and {@link ImportJobWorker} processes them in the background.
 */
@ApplicationScoped
public class ImportJobService {

    static final int MAX_RECORDS = 10_000;
    static final Set<String> STATUSES = Set.of("pending", "processing", "completed", "failed", "cancelled");

    @Inject
    TenantTransactions tx;

    @Inject
    ImportJobStore store;

    @Inject
    ImportJobWorker worker;

    @Inject
    ObjectMapper json;

    @Inject
    TenantContext caller;

    /** A job from a CSV file ({@code kind} offerings). */
    public Uni<ImportJob> createFromCsv(String kind, String csv) {
        if (!"offerings".equals(kind)) {
            throw new ValidationException("kind", "must be offerings");
        }
        if (csv == null || csv.isBlank()) {
            throw new ValidationException("file", "is empty: a header line and at least one record are needed");
        }
        UUID tenant = caller.tenantId();
        // Reading and checking up to 10,000 rows is CPU work: off the event loop.
        return Uni.createFrom().item(() -> {
            List<Map<String, Object>> records = Csv.records(csv);
            Set<String> header = records.get(0).keySet();
            for (String column : header) {
                if (!OfferingRow.COLUMNS.contains(column)) {
                    throw new ValidationException("file", "column " + column + " is not one of " + String.join(", ", OfferingRow.COLUMNS));
                }
            }
            for (String required : List.of("code", "name")) {
                if (!header.contains(required)) {
                    throw new ValidationException("file", "the header has no column " + required);
                }
            }
            return check(records);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).chain(checked -> insert(tenant, kind, "csv", checked));
    }

    /** A job from JSON records. */
    public Uni<ImportJob> createFromJson(ImportJobCreate create) {
        UUID tenant = caller.tenantId();
        return Uni.createFrom().item(() -> check(create.records())).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(checked -> insert(tenant, create.kind(), "json", checked));
    }

    record Checked(JsonArray records, List<ImportRowError> errors) {
    }

    /**
     * Every row checked: refused rows are null in the records and their errors listed; rows of one
     * {@code code} must agree on the offering and its content (else the later ones are refused:
     * they would publish versions back and forth and a second import would not be a no-op).
     */
    Checked check(List<Map<String, Object>> records) {
        if (records.size() > MAX_RECORDS) {
            throw new ValidationException("records", "at most " + MAX_RECORDS + " records per job");
        }
        List<ImportRowError> errors = new ArrayList<>();
        JsonArray out = new JsonArray();
        Map<String, Integer> firstRow = new HashMap<>();
        Map<String, OfferingRow> first = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            int row = i + 1;
            OfferingRow r = OfferingRow.parse(records.get(i), row, json, errors);
            if (r != null && first.containsKey(r.code())) {
                OfferingRow f = first.get(r.code());
                String differs = !f.offeringType().equals(r.offeringType()) ? "offering_type"
                        : !Objects.equals(f.identityKey(), r.identityKey()) ? "identity_key"
                        : !Objects.equals(f.domainCode(), r.domainCode()) ? "domain_code"
                        : !f.sameContent(r.name(), r.description(), r.attributes()) ? "name" : null;
                if (differs != null) {
                    errors.add(new ImportRowError(row, differs, "differs from row " + firstRow.get(r.code()) + ", the first row of code "
                            + r.code() + " (the rows of one offering must agree on it and its content)"));
                    r = null;
                }
            } else if (r != null) {
                first.put(r.code(), r);
                firstRow.put(r.code(), row);
            }
            out.add(r == null ? null : new JsonObject(r.toRecord()));
        }
        return new Checked(out, errors);
    }

    private Uni<ImportJob> insert(UUID tenant, String kind, String format, Checked checked) {
        UUID id = Ids.newId();
        return tx.inTenant(tenant, conn -> store.insert(conn, tenant, id, kind, format, checked.records(), checked.records().size(),
                ImportJobStore.json(checked.errors())).chain(() -> store.find(conn, tenant, id)))
                .map(found -> found.orElseThrow())
                .invoke(job -> worker.wake());
    }

    public Uni<ImportJob> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id)).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    public Uni<Page<ImportJob>> list(String status, PageRequest page) {
        if (status != null && !STATUSES.contains(status)) {
            throw new ValidationException("status", "must be one of cancelled, completed, failed, pending, processing");
        }
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.list(conn, tenant, status, page)).map(rows -> Page.of(rows, page, ImportJob::id));
    }

    /** Stops a pending or processing job where it is (the rows done stay); 409 for a finished one. */
    public Uni<ImportJob> cancel(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id).chain(found -> {
            ImportJob job = found.orElseThrow(() -> notFound(id));
            return store.cancel(conn, tenant, id).chain(cancelled -> {
                if (!cancelled) {
                    throw new ConflictException("status", "job is " + job.status() + ": only a pending or processing job is cancelled");
                }
                return store.find(conn, tenant, id);
            });
        })).map(found -> found.orElseThrow());
    }

    private static NotFoundException notFound(UUID id) {
        return NotFoundException.of("Import job", id);
    }
}
