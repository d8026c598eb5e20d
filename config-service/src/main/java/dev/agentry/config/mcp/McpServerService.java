package dev.agentry.config.mcp;

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
import java.util.Optional;
import java.util.UUID;

/** The platform's MCP server registry: platform admins see and write everything; tenants see public, non-disabled servers. */
@ApplicationScoped
public class McpServerService {

    @Inject
    TenantTransactions tx;

    @Inject
    McpServerStore store;

    @Inject
    JsonSchemas schemas;

    @Inject
    TenantContext caller;

    public Uni<McpServer> create(McpServerCreate create) {
        if (create.configSchema() != null) {
            schemas.requireSchema(create.configSchema(), "config_schema");
        }
        return tx.asPlatform(conn -> store.insert(conn, Ids.newId(), create));
    }

    public Uni<McpServer> get(UUID id) {
        return find(id).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    /** The server as the caller may see it (tenants: public and not disabled). */
    public Uni<Optional<McpServer>> find(UUID id) {
        boolean tenantView = !caller.isPlatformAdmin();
        return tx.withoutTenant(conn -> store.find(conn, id, tenantView));
    }

    public Uni<Page<McpServer>> list(String category, McpServerStatus status, PageRequest page) {
        boolean tenantView = !caller.isPlatformAdmin();
        return tx.withoutTenant(conn -> store.list(conn, tenantView, category, status, page)).map(rows -> Page.of(rows, page, McpServer::id));
    }

    public Uni<McpServer> update(UUID id, McpServerUpdate update) {
        if (update.configSchema() != null) {
            schemas.requireSchema(update.configSchema(), "config_schema");
        }
        return tx.asPlatform(conn -> store.update(conn, id, update)).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    public Uni<Void> delete(UUID id) {
        return tx.asPlatform(conn -> store.delete(conn, id)).invoke(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
        }).replaceWithVoid();
    }

    static NotFoundException notFound(UUID id) {
        return NotFoundException.of("MCP server", id);
    }
}
