package dev.agentry.catalog.imports;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.catalog.CatalogServiceConfig;
import dev.agentry.catalog.support.OutboundUrls;
import dev.agentry.common.blocking.Offload;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.ConflictException;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

    @Inject
    CatalogServiceConfig config;

    /** A job from a CSV file ({@code kind} offerings or faq). */
    public Uni<ImportJob> createFromCsv(String kind, String csv) {
        if (!"offerings".equals(kind) && !"faq".equals(kind)) {
            throw new ValidationException("kind", "must be offerings or faq");
        }
        UUID tenant = caller.tenantId();
        // Reading and checking up to 10,000 rows is CPU work: off the event loop.
        return Offload.toWorker(() -> checkCsv(kind, csv))
                .chain(checked -> insert(tenant, kind, "csv", "file_upload", null, checked));
    }

    private Checked checkCsv(String kind, String csv) {
        if (csv == null || csv.isBlank()) {
            throw new ValidationException("file", "is empty: a header line and at least one record are needed");
        }
        {
            List<Map<String, Object>> records = Csv.records(csv);
            Set<String> header = records.get(0).keySet();
            List<String> columns = "faq".equals(kind) ? FaqRow.COLUMNS : OfferingRow.COLUMNS;
            for (String column : header) {
                if (!columns.contains(column)) {
                    throw new ValidationException("file", "column " + column + " is not one of " + String.join(", ", columns));
                }
            }
            for (String required : "faq".equals(kind) ? List.of("question", "answer") : List.of("code", "name")) {
                if (!header.contains(required)) {
                    throw new ValidationException("file", "the header has no column " + required);
                }
            }
            return check(kind, records);
        }
    }

    /** A job from JSON records, or from a file at a URL. */
    public Uni<ImportJob> createFromJson(ImportJobCreate create) {
        UUID tenant = caller.tenantId();
        if ((create.records() == null) == (create.url() == null)) {
            throw new ValidationException("records", "give either records or a url");
        }
        if (create.url() != null) {
            if (create.format() == null) {
                throw new ValidationException("format", "is required with url: csv or json");
            }
            URI uri = OutboundUrls.check("url", create.url().strip(), config.imports().urlHosts().orElse(List.of()));
            // Resolving the name and fetching block: off the event loop.
            return Offload.toWorker(() -> {
                OutboundUrls.checkResolved("url", uri);
                String body = fetch(uri);
                return "csv".equals(create.format()) ? checkCsv(create.kind(), body) : check(create.kind(), jsonRecords(body));
            })
                    .chain(checked -> insert(tenant, create.kind(), create.format(), "url", uri.toString(), checked));
        }
        return Offload.toWorker(() -> check(create.kind(), create.records()))
                .chain(checked -> insert(tenant, create.kind(), "json", "file_upload", null, checked));
    }

    /** The body of a GET of {@code uri}: no redirect followed (it could lead inside), 2xx only, at most url-max-bytes, UTF-8. */
    private String fetch(URI uri) {
        Duration timeout = config.imports().urlTimeout();
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
        try {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    throw new ValidationException("url", "answered " + response.statusCode());
                }
                int max = config.imports().urlMaxBytes();
                byte[] bytes = in.readNBytes(max + 1);
                if (bytes.length > max) {
                    throw new ValidationException("url", "the file is larger than " + max + " bytes");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new ValidationException("url", "could not be fetched: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ValidationException("url", "could not be fetched: interrupted");
        }
    }

    private List<Map<String, Object>> jsonRecords(String body) {
        try {
            List<Map<String, Object>> records = json.readValue(body, new TypeReference<List<Map<String, Object>>>() {
            });
            if (records == null || records.isEmpty()) {
                throw new ValidationException("url", "the file holds no record");
            }
            return records;
        } catch (IOException e) {
            throw new ValidationException("url", "the file is not a JSON array of records");
        }
    }

    record Checked(JsonArray records, List<ImportRowError> errors) {
    }

    /**
     * Every row checked: refused rows are null in the records and their errors listed; rows of one
     * {@code code} must agree on the offering and its content (else the later ones are refused:
     * they would publish versions back and forth and a second import would not be a no-op).
     */
    Checked check(String kind, List<Map<String, Object>> records) {
        if (records.size() > MAX_RECORDS) {
            throw new ValidationException("records", "at most " + MAX_RECORDS + " records per job");
        }
        if ("faq".equals(kind)) {
            return checkFaq(records);
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

    /** FAQ rows; rows of one bot and question must agree (else the later ones are refused). */
    private Checked checkFaq(List<Map<String, Object>> records) {
        List<ImportRowError> errors = new ArrayList<>();
        JsonArray out = new JsonArray();
        Map<String, Integer> firstRow = new HashMap<>();
        Map<String, FaqRow> first = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            int row = i + 1;
            FaqRow r = FaqRow.parse(records.get(i), row, errors);
            if (r != null && first.containsKey(r.key())) {
                if (!first.get(r.key()).sameAs(r)) {
                    errors.add(new ImportRowError(row, "question", "is also row " + firstRow.get(r.key())
                            + " of the same bot, with other columns (one entry per bot and question)"));
                }
                r = null; // the same entry again: nothing more to do
            } else if (r != null) {
                first.put(r.key(), r);
                firstRow.put(r.key(), row);
            }
            out.add(r == null ? null : new JsonObject(r.toRecord()));
        }
        return new Checked(out, errors);
    }

    private Uni<ImportJob> insert(UUID tenant, String kind, String format, String sourceType, String sourceUrl, Checked checked) {
        UUID id = Ids.newId();
        return tx.inTenant(tenant, conn -> store.insert(conn, tenant, id, kind, format, sourceType, sourceUrl, checked.records(),
                checked.records().size(),
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
