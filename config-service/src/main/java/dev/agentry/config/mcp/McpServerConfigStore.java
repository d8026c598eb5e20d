package dev.agentry.config.mcp;

import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.jsonb;
import static dev.agentry.common.db.Rows.object;
import static dev.agentry.common.db.Rows.strings;

import dev.agentry.common.db.Rows;
import dev.agentry.common.db.SqlErrors;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.secret.SecretCipher.Sealed;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code config.mcp_server_configs}. Ciphertexts go in; only key names come out. */
@ApplicationScoped
public class McpServerConfigStore {

    private static final String COLUMNS = "id, mcp_server_id, enabled, config_keys, env_keys, secret_key_id, resource_limits, "
            + "allowed_users, created_by, created_at, updated_at";
    private static final Map<String, String> UNIQUE = Map.of("uq_mcp_server_configs_tenant_server", "mcp_server_id");

    /** The sealed parts of a write: null members keep what is stored. */
    public record Secrets(Sealed config, List<String> configKeys, Sealed env, List<String> envKeys) {
    }

    public Uni<McpServerConfig> insert(SqlConnection conn, UUID tenantId, UUID id, McpServerConfigCreate c, Secrets s, String createdBy) {
        return conn.preparedQuery("INSERT INTO mcp_server_configs (id, tenant_id, mcp_server_id, enabled, config_ciphertext, "
                + "env_ciphertext, secret_key_id, config_keys, env_keys, resource_limits, allowed_users, created_by) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { id, tenantId, c.mcpServerId(), c.enabled() == null || c.enabled(),
                        Buffer.buffer(s.config().ciphertext()), Buffer.buffer(s.env().ciphertext()), s.config().keyId(),
                        jsonb(s.configKeys()), jsonb(s.envKeys()), jsonb(c.resourceLimits()),
                        jsonb(c.allowedUsers() == null ? List.of("all") : c.allowedUsers()), createdBy }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Optional<McpServerConfig>> find(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM mcp_server_configs WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> Rows.first(rows, McpServerConfigStore::map));
    }

    public Uni<List<McpServerConfig>> list(SqlConnection conn, UUID tenantId, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM mcp_server_configs WHERE tenant_id = $3 AND ($1::uuid IS NULL OR id < $1) "
                + "ORDER BY id DESC LIMIT $2").execute(Tuple.of(page.after(), page.fetchSize(), tenantId))
                .map(rows -> Rows.list(rows, McpServerConfigStore::map));
    }

    /**
     * Replaces what is given. A new config or env is sealed under the current key; the other part,
     * if kept, keeps its ciphertext, so both must then share a key id: the service re-seals the
     * kept part when the key id would differ (see McpServerConfigService).
     */
    public Uni<Optional<McpServerConfig>> update(SqlConnection conn, UUID tenantId, UUID id, McpServerConfigUpdate u, Secrets s) {
        return conn.preparedQuery("UPDATE mcp_server_configs SET enabled = coalesce($2, enabled), "
                + "config_ciphertext = coalesce($3, config_ciphertext), env_ciphertext = coalesce($4, env_ciphertext), "
                + "secret_key_id = coalesce($5, secret_key_id), config_keys = coalesce($6, config_keys), env_keys = coalesce($7, env_keys), "
                + "resource_limits = coalesce($8, resource_limits), allowed_users = coalesce($9, allowed_users), updated_at = now() "
                + "WHERE tenant_id = $10 AND id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { id, u.enabled(), s.config() == null ? null : Buffer.buffer(s.config().ciphertext()),
                        s.env() == null ? null : Buffer.buffer(s.env().ciphertext()),
                        s.config() != null ? s.config().keyId() : s.env() != null ? s.env().keyId() : null,
                        s.configKeys() == null ? null : jsonb(s.configKeys()), s.envKeys() == null ? null : jsonb(s.envKeys()),
                        u.resourceLimits() == null ? null : jsonb(u.resourceLimits()),
                        u.allowedUsers() == null ? null : jsonb(u.allowedUsers()), tenantId }))
                .map(rows -> Rows.first(rows, McpServerConfigStore::map));
    }

    /** The stored ciphertexts of one config, for re-sealing. */
    public record Stored(UUID serverId, byte[] config, byte[] env, String keyId) {
    }

    public Uni<Optional<Stored>> stored(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("SELECT mcp_server_id, config_ciphertext, env_ciphertext, secret_key_id FROM mcp_server_configs "
                + "WHERE tenant_id = $1 AND id = $2 FOR UPDATE").execute(Tuple.of(tenantId, id))
                .map(rows -> Rows.first(rows, r -> new Stored(r.getUUID("mcp_server_id"), r.getBuffer("config_ciphertext").getBytes(),
                        r.getBuffer("env_ciphertext").getBytes(), r.getString("secret_key_id"))));
    }

    public Uni<Boolean> delete(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("DELETE FROM mcp_server_configs WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenantId, id)).map(rows -> rows.rowCount() == 1);
    }

    static McpServerConfig map(Row row) {
        return new McpServerConfig(row.getUUID("id"), row.getUUID("mcp_server_id"), row.getBoolean("enabled"), strings(row, "config_keys"),
                strings(row, "env_keys"), row.getString("secret_key_id"), object(row, "resource_limits"), strings(row, "allowed_users"),
                row.getString("created_by"), instant(row, "created_at"), instant(row, "updated_at"));
    }
}
