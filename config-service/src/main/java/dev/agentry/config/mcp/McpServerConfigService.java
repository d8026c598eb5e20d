package dev.agentry.config.mcp;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.config.jsonschema.JsonSchemas;
import dev.agentry.common.secret.SecretCipher;
import dev.agentry.common.secret.SecretCipher.Sealed;
import dev.agentry.config.support.JsonColumns;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The caller tenant's MCP server configurations. Config values and environment variables are
 * sealed whole with {@link SecretCipher} (tenant and server bound as associated data) and never
 * returned; answers list their key names only.
 */
@ApplicationScoped
public class McpServerConfigService {

    @Inject
    TenantTransactions tx;

    @Inject
    McpServerConfigStore store;

    @Inject
    McpServerService servers;

    @Inject
    JsonSchemas schemas;

    @Inject
    SecretCipher cipher;

    @Inject
    JsonColumns json;

    @Inject
    TenantContext caller;

    public Uni<McpServerConfig> create(McpServerConfigCreate create) {
        UUID tenant = caller.tenantId();
        Map<String, Object> config = create.config() == null ? Map.of() : create.config();
        Map<String, String> env = create.env() == null ? Map.of() : create.env();
        return servers.find(create.mcpServerId()).flatMap(server -> {
            McpServer s = server.orElseThrow(() -> new ValidationException("mcp_server_id", "no such MCP server"));
            if (s.configSchema() != null) {
                schemas.requireValid(s.configSchema(), config, "config");
            }
            McpServerConfigStore.Secrets secrets = new McpServerConfigStore.Secrets(seal(tenant, s.id(), "config", config),
                    keys(config), seal(tenant, s.id(), "env", env), keys(env));
            return tx.inTenant(tenant, conn -> store.insert(conn, tenant, Ids.newId(), create, secrets, caller.subject()));
        });
    }

    public Uni<McpServerConfig> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id)).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    public Uni<Page<McpServerConfig>> list(PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.list(conn, tenant, page)).map(rows -> Page.of(rows, page, McpServerConfig::id));
    }

    public Uni<McpServerConfig> update(UUID id, McpServerConfigUpdate update) {
        UUID tenant = caller.tenantId();
        return get(id).flatMap(current -> servers.find(current.mcpServerId())).flatMap(server -> {
            McpServer s = server.orElseThrow(() -> notFound(id));
            if (update.config() != null && s.configSchema() != null) {
                schemas.requireValid(s.configSchema(), update.config(), "config");
            }
            return tx.inTenant(tenant, conn -> store.stored(conn, tenant, id).flatMap(found -> {
                McpServerConfigStore.Stored stored = found.orElseThrow(() -> notFound(id));
                Sealed config = update.config() != null ? seal(tenant, s.id(), "config", update.config()) : null;
                Sealed env = update.env() != null ? seal(tenant, s.id(), "env", update.env()) : null;
                // Both ciphertexts share one key id: a kept part under an older key is sealed again.
                if ((config == null) != (env == null) && cipher.needsRotation(stored.keyId())) {
                    if (config == null) {
                        config = reseal(tenant, s.id(), "config", stored.config(), stored.keyId());
                    } else {
                        env = reseal(tenant, s.id(), "env", stored.env(), stored.keyId());
                    }
                }
                var secrets = new McpServerConfigStore.Secrets(config, update.config() == null ? null : keys(update.config()), env,
                        update.env() == null ? null : keys(update.env()));
                return store.update(conn, tenant, id, update, secrets);
            })).map(found -> found.orElseThrow(() -> notFound(id)));
        });
    }

    public Uni<Void> delete(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.delete(conn, tenant, id)).invoke(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
        }).replaceWithVoid();
    }

    private Sealed seal(UUID tenant, UUID serverId, String part, Map<String, ?> values) {
        return cipher.seal(tenant, "mcp-" + part + ":" + serverId, json.text(values).getBytes(StandardCharsets.UTF_8));
    }

    private Sealed reseal(UUID tenant, UUID serverId, String part, byte[] stored, String keyId) {
        String purpose = "mcp-" + part + ":" + serverId;
        return cipher.seal(tenant, purpose, cipher.open(tenant, purpose, stored, keyId));
    }

    private static List<String> keys(Map<String, ?> values) {
        return List.copyOf(new TreeSet<>(values.keySet()));
    }

    private static NotFoundException notFound(UUID id) {
        return NotFoundException.of("MCP server config", id);
    }
}
