package dev.agentry.config.llm;

import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.jsonb;
import static dev.agentry.common.db.Rows.strings;

import dev.agentry.common.db.Rows;
import dev.agentry.common.db.SqlErrors;
import dev.agentry.common.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code config.llm_models}; writes succeed only in a platform transaction (RLS). */
@ApplicationScoped
public class LlmModelStore {

    static final String COLUMNS = "id, provider, model_name, context_window, cost_per_1k_input_tokens::float8 AS cost_in, "
            + "cost_per_1k_output_tokens::float8 AS cost_out, capabilities, enabled, created_at, updated_at";
    private static final Map<String, String> UNIQUE = Map.of("uq_llm_models_provider_name", "model_name");

    public Uni<LlmModel> insert(SqlConnection conn, UUID id, LlmModelCreate c) {
        return conn.preparedQuery("INSERT INTO llm_models (id, provider, model_name, context_window, cost_per_1k_input_tokens, "
                + "cost_per_1k_output_tokens, capabilities, enabled) VALUES ($1, $2, $3, $4, $5::float8, $6::float8, $7, $8) "
                + "RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { id, c.provider(), c.modelName().strip(), c.contextWindow(),
                        c.costPer1kInputTokens(), c.costPer1kOutputTokens(), jsonb(c.capabilities()),
                        c.enabled() == null || c.enabled() }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Optional<LlmModel>> find(SqlConnection conn, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM llm_models WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> Rows.first(rows, LlmModelStore::map));
    }

    public Uni<Boolean> exists(SqlConnection conn, UUID id) {
        return conn.preparedQuery("SELECT 1 FROM llm_models WHERE id = $1").execute(Tuple.of(id)).map(rows -> rows.size() == 1);
    }

    public Uni<List<LlmModel>> list(SqlConnection conn, String provider, Boolean enabled, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM llm_models WHERE ($1::varchar IS NULL OR provider = $1) "
                + "AND ($2::boolean IS NULL OR enabled = $2) AND ($3::uuid IS NULL OR id < $3) ORDER BY id DESC LIMIT $4")
                .execute(Tuple.of(provider, enabled, page.after(), page.fetchSize()))
                .map(rows -> Rows.list(rows, LlmModelStore::map));
    }

    public Uni<Optional<LlmModel>> update(SqlConnection conn, UUID id, LlmModelUpdate u) {
        return conn.preparedQuery("UPDATE llm_models SET context_window = coalesce($2, context_window), "
                + "cost_per_1k_input_tokens = coalesce($3::float8, cost_per_1k_input_tokens), "
                + "cost_per_1k_output_tokens = coalesce($4::float8, cost_per_1k_output_tokens), "
                + "capabilities = coalesce($5, capabilities), enabled = coalesce($6, enabled), updated_at = now() "
                + "WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { id, u.contextWindow(), u.costPer1kInputTokens(), u.costPer1kOutputTokens(),
                        u.capabilities() == null ? null : jsonb(u.capabilities()), u.enabled() }))
                .map(rows -> Rows.first(rows, LlmModelStore::map));
    }

    /** Deletes a model no agent or tenant config uses; one in use is 409. */
    public Uni<Boolean> delete(SqlConnection conn, UUID id) {
        return conn.preparedQuery("DELETE FROM llm_models WHERE id = $1").execute(Tuple.of(id))
                .onFailure().transform(e -> SqlErrors.translateDelete(e, "id",
                        "the model is in use by an agent or a tenant LLM config"))
                .map(rows -> rows.rowCount() == 1);
    }

    static LlmModel map(Row row) {
        return new LlmModel(row.getUUID("id"), row.getString("provider"), row.getString("model_name"),
                row.getInteger("context_window"), row.getDouble("cost_in"), row.getDouble("cost_out"),
                strings(row, "capabilities"), row.getBoolean("enabled"), instant(row, "created_at"), instant(row, "updated_at"));
    }
}
