package dev.agentry.catalog.guardrail;

import static dev.agentry.common.db.Rows.instant;

import dev.agentry.common.db.Rows;
import dev.agentry.common.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** All SQL on guardrails and keyword lists, inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class GuardrailStore {

    private static final String GUARDRAIL = "SELECT id, code, name, condition_expression, violation_action, fallback_message, priority, "
            + "is_active, created_at, updated_at FROM tenant_guardrail ";
    private static final String LIST = "SELECT id, code, words, created_at, updated_at FROM tenant_guardrail_keyword_list ";

    /** A row as read, before its condition is compiled (for {@code detectors}). */
    record Row0(UUID id, String code, String name, String expression, String action, String fallback, int priority, boolean active,
            java.time.Instant createdAt, java.time.Instant updatedAt) {
    }

    Uni<Void> insert(SqlConnection conn, UUID tenant, UUID id, GuardrailWrite w) {
        return conn.preparedQuery("INSERT INTO tenant_guardrail (id, tenant_id, code, name, condition_expression, violation_action, "
                + "fallback_message, priority, is_active) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(new Object[] { id, tenant, w.code().strip(), w.name(), w.conditionExpression(), w.violationAction(),
                        w.fallbackMessage(), w.priority() == null ? 0 : w.priority(), w.active() == null || w.active() }))
                .replaceWithVoid();
    }

    Uni<Boolean> update(SqlConnection conn, UUID tenant, UUID id, GuardrailWrite w) {
        return conn.preparedQuery("UPDATE tenant_guardrail SET code = $3, name = $4, condition_expression = $5, violation_action = $6, "
                + "fallback_message = $7, priority = $8, is_active = $9, updated_at = clock_timestamp() WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.from(new Object[] { tenant, id, w.code().strip(), w.name(), w.conditionExpression(), w.violationAction(),
                        w.fallbackMessage(), w.priority() == null ? 0 : w.priority(), w.active() == null || w.active() }))
                .map(rows -> rows.rowCount() == 1);
    }

    Uni<Boolean> delete(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("DELETE FROM tenant_guardrail WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenant, id))
                .map(rows -> rows.rowCount() == 1);
    }

    Uni<Optional<Row0>> find(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery(GUARDRAIL + "WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenant, id))
                .map(rows -> Rows.first(rows, GuardrailStore::guardrail));
    }

    Uni<List<Row0>> list(SqlConnection conn, UUID tenant, PageRequest page) {
        return conn.preparedQuery(GUARDRAIL + "WHERE tenant_id = $1 AND ($2::uuid IS NULL OR id > $2) ORDER BY id LIMIT $3")
                .execute(Tuple.of(tenant, page.after(), page.fetchSize())).map(rows -> Rows.list(rows, GuardrailStore::guardrail));
    }

    /** The active guardrails in evaluation order: higher priority first, then by code. */
    Uni<List<Row0>> active(SqlConnection conn, UUID tenant) {
        return conn.preparedQuery(GUARDRAIL + "WHERE tenant_id = $1 AND is_active ORDER BY priority DESC, code")
                .execute(Tuple.of(tenant)).map(rows -> Rows.list(rows, GuardrailStore::guardrail));
    }

    /**
     * What the tenant's compiled set was built from, in one short string: a digest of every
     * guardrail's and keyword list's id and last update, so any write (of this or another replica,
     * committed in any order) changes it. Tenants have tens of rules: it reads them all, no more.
     */
    Uni<String> stamp(SqlConnection conn, UUID tenant) {
        return conn.preparedQuery("SELECT md5(coalesce((SELECT string_agg(id::text || updated_at::text, ',' ORDER BY id) "
                + "FROM tenant_guardrail WHERE tenant_id = $1), '') || '|' || coalesce((SELECT string_agg(id::text || "
                + "updated_at::text, ',' ORDER BY id) FROM tenant_guardrail_keyword_list WHERE tenant_id = $1), ''))")
                .execute(Tuple.of(tenant)).map(rows -> rows.iterator().next().getString(0));
    }

    Uni<Void> insertList(SqlConnection conn, UUID tenant, UUID id, KeywordListWrite w) {
        return conn.preparedQuery("INSERT INTO tenant_guardrail_keyword_list (id, tenant_id, code, words) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(id, tenant, w.code(), words(w))).replaceWithVoid();
    }

    Uni<Boolean> updateList(SqlConnection conn, UUID tenant, UUID id, KeywordListWrite w) {
        return conn.preparedQuery("UPDATE tenant_guardrail_keyword_list SET code = $3, words = $4, updated_at = clock_timestamp() "
                + "WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenant, id, w.code(), words(w))).map(rows -> rows.rowCount() == 1);
    }

    Uni<Boolean> deleteList(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("DELETE FROM tenant_guardrail_keyword_list WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenant, id)).map(rows -> rows.rowCount() == 1);
    }

    Uni<Optional<KeywordList>> findList(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery(LIST + "WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenant, id))
                .map(rows -> Rows.first(rows, GuardrailStore::keywordList));
    }

    Uni<List<KeywordList>> lists(SqlConnection conn, UUID tenant) {
        return conn.preparedQuery(LIST + "WHERE tenant_id = $1 ORDER BY code LIMIT 1000").execute(Tuple.of(tenant))
                .map(rows -> Rows.list(rows, GuardrailStore::keywordList));
    }

    /** The codes of the tenant's keyword lists among {@code codes}. */
    Uni<List<String>> listCodes(SqlConnection conn, UUID tenant, List<String> codes) {
        return conn.preparedQuery("SELECT code FROM tenant_guardrail_keyword_list WHERE tenant_id = $1 AND code = ANY($2)")
                .execute(Tuple.of(tenant, codes.toArray(String[]::new))).map(rows -> Rows.list(rows, r -> r.getString(0)));
    }

    private static String[] words(KeywordListWrite w) {
        return w.words().stream().map(String::strip).distinct().toArray(String[]::new);
    }

    static Row0 guardrail(Row r) {
        return new Row0(r.getUUID("id"), r.getString("code"), r.getString("name"), r.getString("condition_expression"),
                r.getString("violation_action"), r.getString("fallback_message"), r.getInteger("priority"), r.getBoolean("is_active"),
                instant(r, "created_at"), instant(r, "updated_at"));
    }

    static KeywordList keywordList(Row r) {
        String[] words = r.getArrayOfStrings("words");
        return new KeywordList(r.getUUID("id"), r.getString("code"), words == null ? List.of() : List.of(words), instant(r, "created_at"),
                instant(r, "updated_at"));
    }
}
