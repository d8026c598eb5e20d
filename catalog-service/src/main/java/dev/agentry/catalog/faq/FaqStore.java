package dev.agentry.catalog.faq;

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

/** All SQL on the FAQ, inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class FaqStore {

    private static final String COLUMNS = "id, bot_id, domain_id, offering_id, question, answer, category, priority, is_active, "
            + "embedding_model, created_at, updated_at";

    Uni<Void> insert(SqlConnection conn, UUID tenant, UUID id, FaqWrite w, String vector, String model) {
        return conn.preparedQuery("INSERT INTO bot_faq (id, tenant_id, bot_id, domain_id, offering_id, question, answer, category, "
                + "priority, is_active, embedding, embedding_model) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::vector, $12)")
                .execute(Tuple.from(new Object[] { id, tenant, w.botId(), w.domainId(), w.offeringId(), w.question().strip(),
                        w.answer().strip(), w.category(), priority(w), active(w), vector, model }))
                .replaceWithVoid();
    }

    Uni<Boolean> update(SqlConnection conn, UUID tenant, UUID id, FaqWrite w, String vector, String model) {
        return conn.preparedQuery("UPDATE bot_faq SET bot_id = $3, domain_id = $4, offering_id = $5, question = $6, answer = $7, "
                + "category = $8, priority = $9, is_active = $10, embedding = $11::vector, embedding_model = $12, updated_at = now() "
                + "WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.from(new Object[] { tenant, id, w.botId(), w.domainId(), w.offeringId(), w.question().strip(),
                        w.answer().strip(), w.category(), priority(w), active(w), vector, model }))
                .map(rows -> rows.rowCount() == 1);
    }

    Uni<Boolean> delete(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("DELETE FROM bot_faq WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenant, id))
                .map(rows -> rows.rowCount() == 1);
    }

    Uni<Optional<Faq>> find(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM bot_faq WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenant, id))
                .map(rows -> Rows.first(rows, FaqStore::faq));
    }

    /** One page: of one bot, or the bot-less entries ({@code botLess}), or all; of one category when given. */
    Uni<List<Faq>> list(SqlConnection conn, UUID tenant, UUID botId, boolean botLess, String category, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM bot_faq WHERE tenant_id = $1 AND ($2::uuid IS NULL OR bot_id = $2) "
                + "AND (NOT $3 OR bot_id IS NULL) AND ($4::text IS NULL OR category = $4) AND ($5::uuid IS NULL OR id > $5) "
                + "ORDER BY id LIMIT $6")
                .execute(Tuple.from(new Object[] { tenant, botId, botLess, category, page.after(), page.fetchSize() }))
                .map(rows -> Rows.list(rows, FaqStore::faq));
    }

    /** Whether the bot is the tenant's. */
    Uni<Boolean> botExists(SqlConnection conn, UUID tenant, UUID botId) {
        return conn.preparedQuery("SELECT 1 FROM bot WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenant, botId))
                .map(rows -> rows.size() == 1);
    }

    Uni<Boolean> offeringLive(SqlConnection conn, UUID tenant, UUID offeringId) {
        return conn.preparedQuery("SELECT 1 FROM tenant_offering WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL")
                .execute(Tuple.of(tenant, offeringId)).map(rows -> rows.size() == 1);
    }

    Uni<Boolean> domainExists(SqlConnection conn, UUID domainId) {
        return conn.preparedQuery("SELECT 1 FROM knowledge_domain WHERE id = $1").execute(Tuple.of(domainId)).map(rows -> rows.size() == 1);
    }

    /** How many active entries a search of the bot reads: what the strategy is chosen by. */
    Uni<Long> candidates(SqlConnection conn, UUID tenant, UUID botId) {
        return conn.preparedQuery("SELECT (SELECT count(*) FROM bot_faq WHERE tenant_id = $1 AND bot_id = $2 AND is_active) "
                + "+ (SELECT count(*) FROM bot_faq WHERE tenant_id = $1 AND bot_id IS NULL AND is_active)")
                .execute(Tuple.of(tenant, botId)).map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * The nearest active entries of the bot and of the bot-less FAQ. Exact orders by
     * {@code (embedding <=> q) + 0}, which no index serves (every candidate compared); index orders
     * by {@code embedding <=> q}, served by the partial HNSW index with the connection's iterative scan.
     */
    Uni<List<FaqHit>> search(SqlConnection conn, UUID tenant, UUID botId, String vector, String model, String category, boolean exact,
            double minSimilarity, int limit, int candidates) {
        String distance = "f.embedding <=> $3::vector";
        return conn.preparedQuery("WITH near AS (SELECT f.id, " + distance + " AS distance FROM bot_faq f WHERE f.tenant_id = $1 "
                + "AND f.is_active AND (f.bot_id = $2 OR f.bot_id IS NULL) AND f.embedding_model = $4 "
                + "AND ($5::text IS NULL OR f.category = $5) ORDER BY " + (exact ? "(" + distance + ") + 0" : distance) + " LIMIT $8) "
                + "SELECT f.id, f.bot_id, f.domain_id, f.offering_id, f.question, f.answer, f.category, f.priority, "
                + "1 - n.distance AS vector_similarity FROM near n JOIN bot_faq f ON f.tenant_id = $1 AND f.id = n.id "
                + "WHERE 1 - n.distance >= $6 ORDER BY n.distance, f.priority DESC, f.id LIMIT $7")
                .execute(Tuple.from(new Object[] { tenant, botId, vector, model, category, minSimilarity, limit, candidates }))
                .map(rows -> Rows.list(rows, r -> new FaqHit(r.getUUID("id"), r.getUUID("bot_id"), r.getUUID("domain_id"),
                        r.getUUID("offering_id"), r.getString("question"), r.getString("answer"), r.getString("category"),
                        r.getInteger("priority"), r.getDouble("vector_similarity"))));
    }

    private static int priority(FaqWrite w) {
        return w.priority() == null ? 0 : w.priority();
    }

    private static boolean active(FaqWrite w) {
        return w.active() == null || w.active();
    }

    static Faq faq(Row row) {
        return new Faq(row.getUUID("id"), row.getUUID("bot_id"), row.getUUID("domain_id"), row.getUUID("offering_id"),
                row.getString("question"), row.getString("answer"), row.getString("category"), row.getInteger("priority"),
                row.getBoolean("is_active"), row.getString("embedding_model"), instant(row, "created_at"), instant(row, "updated_at"));
    }
}
