package dev.agentry.conversation.support;

import static dev.agentry.common.db.Rows.instant;

import dev.agentry.common.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code conversation.support_settings}, inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class SupportSettingsStore {

    private static final String COLUMNS = "kb_collection_id, kb_min_similarity, answer_chunks, auto_answer, answer_with_llm, "
            + "escalation_keywords, human_request_phrases, escalate_urgent, escalation_webhook_url, updated_at";

    public Uni<Optional<SupportSettings>> find(SqlConnection conn, UUID tenantId) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM support_settings WHERE tenant_id = $1")
                .execute(Tuple.of(tenantId)).map(rows -> Rows.first(rows, SupportSettingsStore::map));
    }

    public Uni<SupportSettings> put(SqlConnection conn, UUID tenantId, SupportSettings s) {
        return conn.preparedQuery("INSERT INTO support_settings (tenant_id, kb_collection_id, kb_min_similarity, answer_chunks, "
                + "auto_answer, escalation_keywords, human_request_phrases, escalate_urgent, escalation_webhook_url, answer_with_llm) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (tenant_id) DO UPDATE SET "
                + "kb_collection_id = EXCLUDED.kb_collection_id, kb_min_similarity = EXCLUDED.kb_min_similarity, "
                + "answer_chunks = EXCLUDED.answer_chunks, auto_answer = EXCLUDED.auto_answer, answer_with_llm = EXCLUDED.answer_with_llm, "
                + "escalation_keywords = EXCLUDED.escalation_keywords, human_request_phrases = EXCLUDED.human_request_phrases, "
                + "escalate_urgent = EXCLUDED.escalate_urgent, escalation_webhook_url = EXCLUDED.escalation_webhook_url, "
                + "updated_at = now() RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { tenantId, s.kbCollectionId(), s.kbMinSimilarity(), s.answerChunks(),
                        s.autoAnswer(), s.escalationKeywords().toArray(String[]::new),
                        s.humanRequestPhrases().toArray(String[]::new), s.escalateUrgent(), s.escalationWebhookUrl(), s.answerWithLlm() }))
                .map(rows -> SupportSettingsStore.map(rows.iterator().next()));
    }

    private static SupportSettings map(Row r) {
        return new SupportSettings(r.getUUID("kb_collection_id"), r.getDouble("kb_min_similarity"), r.getInteger("answer_chunks"),
                r.getBoolean("auto_answer"), r.getBoolean("answer_with_llm"), strings(r, "escalation_keywords"), strings(r, "human_request_phrases"),
                r.getBoolean("escalate_urgent"), r.getString("escalation_webhook_url"), instant(r, "updated_at"));
    }

    private static List<String> strings(Row r, String column) {
        String[] values = r.getArrayOfStrings(column);
        return values == null ? List.of() : Arrays.asList(values);
    }
}
