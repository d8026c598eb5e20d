package dev.agentry.config.llm;

import static dev.agentry.common.db.Rows.instant;

import dev.agentry.common.db.Rows;
import dev.agentry.common.db.SqlErrors;
import java.util.Map;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code config.tenant_llm_configs}. The ciphertext never leaves this store but to the service that sealed it. */
@ApplicationScoped
public class TenantLlmConfigStore {

    private static final String COLUMNS = "c.id, c.llm_model_id, c.api_key_last4, c.api_key_key_id, c.rate_limit_rpm, "
            + "c.rate_limit_tpm, c.created_at, c.updated_at, m.id AS m_id, m.provider, m.model_name, m.context_window, "
            + "m.cost_per_1k_input_tokens::float8 AS cost_in, m.cost_per_1k_output_tokens::float8 AS cost_out, "
            + "m.capabilities, m.enabled, m.created_at AS m_created_at, m.updated_at AS m_updated_at";

    /** The stored secret of a config, for rotation. */
    public record SealedKey(UUID id, byte[] ciphertext, String keyId) {
    }

    public Uni<Optional<TenantLlmConfig>> find(SqlConnection conn, UUID tenantId) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM tenant_llm_configs c JOIN llm_models m ON m.id = c.llm_model_id "
                + "WHERE c.tenant_id = $1").execute(Tuple.of(tenantId)).map(rows -> Rows.first(rows, TenantLlmConfigStore::map));
    }

    /** Locks the tenant's config row, if any, for an update in this transaction. */
    public Uni<Boolean> lock(SqlConnection conn, UUID tenantId) {
        return conn.preparedQuery("SELECT 1 FROM tenant_llm_configs WHERE tenant_id = $1 FOR UPDATE").execute(Tuple.of(tenantId)).map(rows -> rows.size() == 1);
    }

    /** The tenant's first config (one per tenant: a unique index on tenant_id). */
    public Uni<Void> insert(SqlConnection conn, UUID tenantId, UUID id, TenantLlmConfigPut put, byte[] ciphertext, String keyId,
            String last4) {
        return conn.preparedQuery("INSERT INTO tenant_llm_configs (id, tenant_id, llm_model_id, api_key_ciphertext, api_key_key_id, "
                + "api_key_last4, rate_limit_rpm, rate_limit_tpm) VALUES ($1, $2, $3, $4, $5, $6, coalesce($7, 60), coalesce($8, 10000))")
                .execute(Tuple.from(new Object[] { id, tenantId, put.llmModelId(), Buffer.buffer(ciphertext), keyId, last4,
                        put.rateLimitRpm(), put.rateLimitTpm() }))
                .onFailure().transform(e -> SqlErrors.translate(e, Map.of("uq_tenant_llm_configs_tenant", "llm_model_id")))
                .replaceWithVoid();
    }

    /** Changes the tenant's config; a null ciphertext keeps the stored key. */
    public Uni<Void> update(SqlConnection conn, UUID tenantId, TenantLlmConfigPut put, byte[] ciphertext, String keyId, String last4) {
        return conn.preparedQuery("UPDATE tenant_llm_configs SET llm_model_id = $1, api_key_ciphertext = coalesce($2, api_key_ciphertext), "
                + "api_key_key_id = coalesce($3, api_key_key_id), api_key_last4 = CASE WHEN $2::bytea IS NULL THEN api_key_last4 ELSE $4 END, "
                + "rate_limit_rpm = coalesce($5, rate_limit_rpm), rate_limit_tpm = coalesce($6, rate_limit_tpm), updated_at = now() "
                + "WHERE tenant_id = $7")
                .execute(Tuple.from(new Object[] { put.llmModelId(), ciphertext == null ? null : Buffer.buffer(ciphertext), keyId, last4,
                        put.rateLimitRpm(), put.rateLimitTpm(), tenantId }))
                .replaceWithVoid();
    }

    /** Replaces the ciphertext of the same key (a rotation): its last four characters stay. */
    public Uni<Void> updateKeepingLast4(SqlConnection conn, UUID tenantId, TenantLlmConfigPut put, byte[] ciphertext, String keyId) {
        return conn.preparedQuery("UPDATE tenant_llm_configs SET llm_model_id = $1, api_key_ciphertext = $2, api_key_key_id = $3, "
                + "rate_limit_rpm = coalesce($4, rate_limit_rpm), rate_limit_tpm = coalesce($5, rate_limit_tpm), updated_at = now() "
                + "WHERE tenant_id = $6")
                .execute(Tuple.from(new Object[] { put.llmModelId(), Buffer.buffer(ciphertext), keyId, put.rateLimitRpm(),
                        put.rateLimitTpm(), tenantId }))
                .replaceWithVoid();
    }

    public Uni<Boolean> delete(SqlConnection conn, UUID tenantId) {
        return conn.preparedQuery("DELETE FROM tenant_llm_configs WHERE tenant_id = $1").execute(Tuple.of(tenantId)).map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<SealedKey>> sealedKey(SqlConnection conn, UUID tenantId) {
        return conn.preparedQuery("SELECT id, api_key_ciphertext, api_key_key_id FROM tenant_llm_configs WHERE tenant_id = $1")
                .execute(Tuple.of(tenantId))
                .map(rows -> Rows.first(rows, r -> new SealedKey(r.getUUID("id"), r.getBuffer("api_key_ciphertext").getBytes(),
                        r.getString("api_key_key_id"))));
    }

    static TenantLlmConfig map(Row row) {
        LlmModel model = new LlmModel(row.getUUID("m_id"), row.getString("provider"), row.getString("model_name"),
                row.getInteger("context_window"), row.getDouble("cost_in"), row.getDouble("cost_out"),
                Rows.strings(row, "capabilities"), row.getBoolean("enabled"), instant(row, "m_created_at"),
                instant(row, "m_updated_at"));
        return new TenantLlmConfig(row.getUUID("id"), row.getUUID("llm_model_id"), model, true, row.getString("api_key_last4"),
                row.getString("api_key_key_id"), row.getInteger("rate_limit_rpm"), row.getInteger("rate_limit_tpm"),
                instant(row, "created_at"), instant(row, "updated_at"));
    }
}
