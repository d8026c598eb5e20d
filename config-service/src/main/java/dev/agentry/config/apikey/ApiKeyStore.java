package dev.agentry.config.apikey;

import static dev.agentry.common.db.Rows.enumValue;
import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.jsonb;
import static dev.agentry.common.db.Rows.object;
import static dev.agentry.common.db.Rows.strings;
import static dev.agentry.common.db.Rows.timestamp;
import static dev.agentry.common.db.Rows.wire;

import dev.agentry.common.db.Rows;
import dev.agentry.common.db.SqlErrors;
import dev.agentry.common.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code config.api_keys}, including the credential lookup of the token exchange. */
@ApplicationScoped
public class ApiKeyStore {

    /** The status as callers see it: an active key past its expiry reads as expired. */
    private static final String STATUS = "CASE WHEN status = 'active' AND expires_at <= now() THEN 'expired' ELSE status END";
    private static final String COLUMNS = "id, name, key_prefix, scopes, " + STATUS + " AS status, user_id, expires_at, "
            + "last_used_at, revoked_at, created_by, metadata, created_at, updated_at";

    /** What the token exchange needs to know of a key, found by its hash across tenants. */
    public record Credential(UUID id, UUID tenantId, List<String> scopes, ApiKeyStatus status, Instant expiresAt,
            String tenantStatus) {
    }

    public Uni<ApiKey> insert(SqlConnection conn, UUID tenantId, UUID id, ApiKeyCreate create, byte[] hash, String prefix,
            String pepperId, String createdBy) {
        return conn.preparedQuery("INSERT INTO api_keys (id, tenant_id, user_id, name, key_hash, key_prefix, pepper_id, "
                + "scopes, expires_at, created_by, metadata) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
                + "RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { id, tenantId, create.userId(), create.name().strip(), Buffer.buffer(hash),
                        prefix, pepperId, jsonb(create.scopes()), timestamp(create.expiresAt()), createdBy,
                        jsonb(create.metadata()) }))
                .onFailure().transform(e -> SqlErrors.translate(e, Map.of()))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Optional<ApiKey>> find(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM api_keys WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id)).map(rows -> Rows.first(rows, ApiKeyStore::map));
    }

    public Uni<List<ApiKey>> list(SqlConnection conn, UUID tenantId, ApiKeyStatus status, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM api_keys WHERE tenant_id = $4 AND ($1::varchar IS NULL OR " + STATUS + " = $1) "
                + "AND ($2::uuid IS NULL OR id < $2) ORDER BY id DESC LIMIT $3")
                .execute(Tuple.of(wire(status), page.after(), page.fetchSize(), tenantId))
                .map(rows -> Rows.list(rows, ApiKeyStore::map));
    }

    /** Revokes a key; revoking a revoked key changes nothing and answers it as it is. */
    public Uni<Optional<ApiKey>> revoke(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("UPDATE api_keys SET status = 'revoked', revoked_at = coalesce(revoked_at, now()), "
                + "updated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.of(tenantId, id)).map(rows -> Rows.first(rows, ApiKeyStore::map));
    }

    /** The key with this hash in any tenant, through the SECURITY DEFINER lookup (see V1 migration). */
    public Uni<Optional<Credential>> findCredential(SqlConnection conn, byte[] hash) {
        return conn.preparedQuery("SELECT * FROM api_key_for_exchange($1)")
                .execute(Tuple.of(Buffer.buffer(hash)))
                .map(rows -> Rows.first(rows, row -> new Credential(row.getUUID("id"), row.getUUID("tenant_id"),
                        strings(row, "scopes"), enumValue(row, "status", ApiKeyStatus.class), instant(row, "expires_at"),
                        row.getString("tenant_status"))));
    }

    /** Records use, at most once a minute per key, so that busy keys do not turn reads into writes. */
    public Uni<Void> touch(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("UPDATE api_keys SET last_used_at = now() WHERE tenant_id = $1 AND id = $2 "
                + "AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')")
                .execute(Tuple.of(tenantId, id)).replaceWithVoid();
    }

    static ApiKey map(Row row) {
        return new ApiKey(row.getUUID("id"), row.getString("name"), row.getString("key_prefix"), strings(row, "scopes"),
                enumValue(row, "status", ApiKeyStatus.class), row.getUUID("user_id"), instant(row, "expires_at"),
                instant(row, "last_used_at"), instant(row, "revoked_at"), row.getString("created_by"),
                object(row, "metadata"), instant(row, "created_at"), instant(row, "updated_at"));
    }
}
