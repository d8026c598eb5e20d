package dev.agentry.config.outputformat;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.config.jsonschema.JsonSchemas;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** Output formats of the caller's tenant. */
@ApplicationScoped
public class OutputFormatService {

    @Inject
    TenantTransactions tx;

    @Inject
    OutputFormatStore store;

    @Inject
    JsonSchemas schemas;

    @Inject
    TenantContext caller;

    public Uni<OutputFormat> create(OutputFormatCreate create) {
        if (create.schema() != null) {
            schemas.requireSchema(create.schema(), "schema");
        }
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.insert(conn, tenant, Ids.newId(), create));
    }

    public Uni<OutputFormat> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id)).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    public Uni<Page<OutputFormat>> list(PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.list(conn, tenant, page)).map(rows -> Page.of(rows, page, OutputFormat::id));
    }

    public Uni<OutputFormat> update(UUID id, OutputFormatUpdate update) {
        if (update.schema() != null) {
            schemas.requireSchema(update.schema(), "schema");
        }
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.update(conn, tenant, id, update)).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    public Uni<Void> delete(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.delete(conn, tenant, id)).invoke(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
        }).replaceWithVoid();
    }

    private static NotFoundException notFound(UUID id) {
        return NotFoundException.of("Output format", id);
    }
}
