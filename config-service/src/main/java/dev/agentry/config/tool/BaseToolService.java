package dev.agentry.config.tool;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.config.jsonschema.JsonSchemas;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** The platform's tool types: read by everyone, written by platform admins. */
@ApplicationScoped
public class BaseToolService {

    @Inject
    TenantTransactions tx;

    @Inject
    BaseToolStore store;

    @Inject
    JsonSchemas schemas;

    public Uni<BaseTool> create(BaseToolCreate create) {
        if (create.defaultConfigSchema() != null) {
            schemas.requireSchema(create.defaultConfigSchema(), "default_config_schema");
        }
        return tx.asPlatform(conn -> store.insert(conn, Ids.newId(), create));
    }

    public Uni<Page<BaseTool>> list(String type, PageRequest page) {
        return tx.withoutTenant(conn -> store.list(conn, type, page)).map(rows -> Page.of(rows, page, BaseTool::id));
    }

    public Uni<BaseTool> get(UUID id) {
        return tx.withoutTenant(conn -> store.find(conn, id)).map(found -> found.orElseThrow(() -> NotFoundException.of("Base tool", id)));
    }

    public Uni<BaseTool> update(UUID id, BaseToolUpdate update) {
        if (update.defaultConfigSchema() != null) {
            schemas.requireSchema(update.defaultConfigSchema(), "default_config_schema");
        }
        return tx.asPlatform(conn -> store.update(conn, id, update))
                .map(found -> found.orElseThrow(() -> NotFoundException.of("Base tool", id)));
    }
}
