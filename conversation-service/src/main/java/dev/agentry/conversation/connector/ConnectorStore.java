package dev.agentry.conversation.connector;

import static dev.agentry.common.db.Rows.instant;

import dev.agentry.common.db.Rows;
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

/** All SQL on {@code conversation.support_connectors} and {@code ticket_external_refs}, inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class ConnectorStore {

    private static final String COLUMNS = "system, base_url, username, credential_last4, project_key, "
            + "webhook_secret_sha256 IS NOT NULL AS webhook_secret_set, enabled, poll_cursor, created_at, updated_at";
    private static final String REF_COLUMNS = "id, ticket_id, system, external_id, external_url, metadata, created_at, updated_at";

    /** A connector with what calling the system takes: the sealed credential and the webhook secret's hash. */
    public record Secrets(Connector connector, byte[] credential, String keyId, byte[] webhookSecretSha256) {
    }

    /** Tenants with an enabled connector (the SECURITY DEFINER function of V3; ids only). Run with no tenant bound. */
    public Uni<List<UUID>> tenantsWithEnabledConnectors(SqlConnection conn) {
        return conn.query("SELECT t FROM tenants_with_enabled_connectors() AS t").execute()
                .map(rows -> Rows.list(rows, r -> r.getUUID("t")));
    }

    public Uni<Optional<Connector>> find(SqlConnection conn, UUID tenantId, ConnectorSystem system) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM support_connectors WHERE tenant_id = $1 AND system = $2")
                .execute(Tuple.of(tenantId, system.wire())).map(rows -> Rows.first(rows, ConnectorStore::map));
    }

    public Uni<List<Connector>> list(SqlConnection conn, UUID tenantId) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM support_connectors WHERE tenant_id = $1 ORDER BY system")
                .execute(Tuple.of(tenantId)).map(rows -> Rows.list(rows, ConnectorStore::map));
    }

    public Uni<Optional<Secrets>> secrets(SqlConnection conn, UUID tenantId, ConnectorSystem system) {
        return conn.preparedQuery("SELECT " + COLUMNS + ", credential_ciphertext, credential_key_id, webhook_secret_sha256 "
                + "FROM support_connectors WHERE tenant_id = $1 AND system = $2")
                .execute(Tuple.of(tenantId, system.wire()))
                .map(rows -> Rows.first(rows, r -> new Secrets(map(r), r.getBuffer("credential_ciphertext").getBytes(),
                        r.getString("credential_key_id"), bytes(r, "webhook_secret_sha256"))));
    }

    /** Changes an existing connector, keeping its credential; a null webhook hash keeps the stored one. */
    public Uni<Optional<Connector>> update(SqlConnection conn, UUID tenantId, ConnectorSystem system, ConnectorPut put,
            byte[] webhookSha256) {
        return conn.preparedQuery("UPDATE support_connectors SET base_url = $3, username = $4, project_key = $5, "
                + "webhook_secret_sha256 = coalesce($6, webhook_secret_sha256), enabled = $7, updated_at = now() "
                + "WHERE tenant_id = $1 AND system = $2 RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { tenantId, system.wire(), put.baseUrl(), put.username(), put.projectKey(),
                        webhookSha256 == null ? null : Buffer.buffer(webhookSha256), put.enabled() == null || put.enabled() }))
                .map(rows -> Rows.first(rows, ConnectorStore::map));
    }

    /** Creates or replaces the connector with a new credential; a null webhook hash keeps the stored one. */
    public Uni<Connector> put(SqlConnection conn, UUID tenantId, ConnectorSystem system, ConnectorPut put, byte[] credential,
            String keyId, String last4, byte[] webhookSha256) {
        return conn.preparedQuery("INSERT INTO support_connectors (tenant_id, system, base_url, username, credential_ciphertext, "
                + "credential_key_id, credential_last4, project_key, webhook_secret_sha256, enabled) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (tenant_id, system) DO UPDATE SET "
                + "base_url = EXCLUDED.base_url, username = EXCLUDED.username, "
                + "credential_ciphertext = coalesce(EXCLUDED.credential_ciphertext, support_connectors.credential_ciphertext), "
                + "credential_key_id = coalesce(EXCLUDED.credential_key_id, support_connectors.credential_key_id), "
                + "credential_last4 = coalesce(EXCLUDED.credential_last4, support_connectors.credential_last4), "
                + "project_key = EXCLUDED.project_key, "
                + "webhook_secret_sha256 = coalesce(EXCLUDED.webhook_secret_sha256, support_connectors.webhook_secret_sha256), "
                + "enabled = EXCLUDED.enabled, updated_at = now() RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { tenantId, system.wire(), put.baseUrl(), put.username(),
                        credential == null ? null : Buffer.buffer(credential), keyId, last4, put.projectKey(),
                        webhookSha256 == null ? null : Buffer.buffer(webhookSha256), put.enabled() == null || put.enabled() }))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Boolean> delete(SqlConnection conn, UUID tenantId, ConnectorSystem system) {
        return conn.preparedQuery("DELETE FROM support_connectors WHERE tenant_id = $1 AND system = $2")
                .execute(Tuple.of(tenantId, system.wire())).map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> moveCursor(SqlConnection conn, UUID tenantId, ConnectorSystem system, String cursor) {
        return conn.preparedQuery("UPDATE support_connectors SET poll_cursor = $3 WHERE tenant_id = $1 AND system = $2")
                .execute(Tuple.of(tenantId, system.wire(), cursor)).replaceWithVoid();
    }

    /** Records the external ticket; an existing ref of the ticket for that system wins (answered instead). */
    public Uni<ExternalRef> link(SqlConnection conn, UUID tenantId, UUID id, UUID ticketId, ConnectorSystem system, String externalId,
            String externalUrl) {
        return conn.preparedQuery("INSERT INTO ticket_external_refs (id, tenant_id, ticket_id, system, external_id, external_url) "
                + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, ticket_id, system) DO NOTHING RETURNING " + REF_COLUMNS)
                .execute(Tuple.of(id, tenantId, ticketId, system.wire(), externalId, externalUrl))
                .flatMap(rows -> rows.size() > 0 ? Uni.createFrom().item(mapRef(rows.iterator().next()))
                        : ref(conn, tenantId, ticketId, system).map(Optional::orElseThrow));
    }

    public Uni<Optional<ExternalRef>> ref(SqlConnection conn, UUID tenantId, UUID ticketId, ConnectorSystem system) {
        return conn.preparedQuery("SELECT " + REF_COLUMNS + " FROM ticket_external_refs WHERE tenant_id = $1 AND ticket_id = $2 "
                + "AND system = $3").execute(Tuple.of(tenantId, ticketId, system.wire())).map(rows -> Rows.first(rows, ConnectorStore::mapRef));
    }

    /** The tenant's ticket linked to {@code externalId} in {@code system}. */
    public Uni<Optional<ExternalRef>> byExternalId(SqlConnection conn, UUID tenantId, ConnectorSystem system, String externalId) {
        return conn.preparedQuery("SELECT " + REF_COLUMNS + " FROM ticket_external_refs WHERE tenant_id = $1 AND system = $2 "
                + "AND external_id = $3").execute(Tuple.of(tenantId, system.wire(), externalId))
                .map(rows -> Rows.first(rows, ConnectorStore::mapRef));
    }

    public Uni<List<ExternalRef>> refs(SqlConnection conn, UUID tenantId, UUID ticketId) {
        return conn.preparedQuery("SELECT " + REF_COLUMNS + " FROM ticket_external_refs WHERE tenant_id = $1 AND ticket_id = $2 "
                + "ORDER BY system").execute(Tuple.of(tenantId, ticketId)).map(rows -> Rows.list(rows, ConnectorStore::mapRef));
    }

    public Uni<Void> touchRef(SqlConnection conn, UUID tenantId, UUID refId, Map<String, Object> metadata) {
        return conn.preparedQuery("UPDATE ticket_external_refs SET metadata = metadata || $3, updated_at = now() "
                + "WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenantId, refId, Rows.jsonb(metadata))).replaceWithVoid();
    }

    private static byte[] bytes(Row r, String column) {
        io.vertx.mutiny.core.buffer.Buffer b = r.getBuffer(column);
        return b == null ? null : b.getBytes();
    }

    private static Connector map(Row r) {
        return new Connector(ConnectorSystem.of(r.getString("system")), r.getString("base_url"), r.getString("username"),
                r.getString("credential_last4"), r.getString("project_key"), r.getBoolean("webhook_secret_set"),
                r.getBoolean("enabled"), r.getString("poll_cursor"), instant(r, "created_at"), instant(r, "updated_at"));
    }

    private static ExternalRef mapRef(Row r) {
        return new ExternalRef(r.getUUID("id"), r.getUUID("ticket_id"), ConnectorSystem.of(r.getString("system")),
                r.getString("external_id"), r.getString("external_url"), Rows.object(r, "metadata"), instant(r, "created_at"),
                instant(r, "updated_at"));
    }
}
