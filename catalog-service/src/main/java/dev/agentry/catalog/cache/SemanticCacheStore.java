package dev.agentry.catalog.cache;

import static dev.agentry.common.db.Rows.instant;

import dev.agentry.catalog.support.SqlParams;
import dev.agentry.common.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on the semantic cache, inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class SemanticCacheStore {

    private static final String ENTRY = "c.id, c.query_text, c.response_text, c.bot_version_id, c.language, c.embedding_model, "
            + "c.expires_at, c.hit_count, c.last_hit_at, c.created_at, "
            + "array(SELECT s.source_id FROM tenant_semantic_cache_source s WHERE s.tenant_id = c.tenant_id AND s.cache_id = c.id "
            + "AND s.source_type = 'faq' ORDER BY s.source_id) AS faq_ids, "
            + "array(SELECT s.source_id FROM tenant_semantic_cache_source s WHERE s.tenant_id = c.tenant_id AND s.cache_id = c.id "
            + "AND s.source_type = 'offering' ORDER BY s.source_id) AS offering_ids";

    Uni<Void> insert(SqlConnection conn, UUID tenant, UUID id, String question, String answer, String vector, String model,
            UUID botVersionId, String language, int ttlSeconds) {
        return conn.preparedQuery("INSERT INTO tenant_semantic_cache (id, tenant_id, query_text, response_text, embedding, "
                + "embedding_model, bot_version_id, language, expires_at) "
                + "VALUES ($1, $2, $3, $4, $5::vector, $6, $7, $8, now() + $9 * interval '1 second')")
                .execute(Tuple.from(new Object[] { id, tenant, question, answer, vector, model, botVersionId, language, ttlSeconds }))
                .replaceWithVoid();
    }

    Uni<Void> insertSources(SqlConnection conn, UUID tenant, UUID id, List<UUID> faqIds, List<UUID> offeringIds) {
        if (faqIds.isEmpty() && offeringIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] types = new String[faqIds.size() + offeringIds.size()];
        UUID[] ids = new UUID[types.length];
        for (int i = 0; i < faqIds.size(); i++) {
            types[i] = "faq";
            ids[i] = faqIds.get(i);
        }
        for (int i = 0; i < offeringIds.size(); i++) {
            types[faqIds.size() + i] = "offering";
            ids[faqIds.size() + i] = offeringIds.get(i);
        }
        return conn.preparedQuery("INSERT INTO tenant_semantic_cache_source (tenant_id, cache_id, source_type, source_id) "
                + "SELECT $1, $2, u.t, u.s FROM unnest($3::text[], $4::uuid[]) AS u(t, s) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(tenant, id, types, ids)).replaceWithVoid();
    }

    /** Deletes up to {@code batch} expired entries of the tenant (their sources cascade). */
    Uni<Integer> purgeExpired(SqlConnection conn, UUID tenant, int batch) {
        return conn.preparedQuery("DELETE FROM tenant_semantic_cache WHERE tenant_id = $1 AND id IN (SELECT id FROM "
                + "tenant_semantic_cache WHERE tenant_id = $1 AND expires_at <= now() ORDER BY expires_at LIMIT $2)")
                .execute(Tuple.of(tenant, batch)).map(rows -> rows.rowCount());
    }

    Uni<Optional<SemanticCacheEntry>> find(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("SELECT " + ENTRY + " FROM tenant_semantic_cache c WHERE c.tenant_id = $1 AND c.id = $2")
                .execute(Tuple.of(tenant, id)).map(rows -> Rows.first(rows, SemanticCacheStore::entry));
    }

    Uni<Boolean> delete(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("DELETE FROM tenant_semantic_cache WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenant, id))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The tenant's settings row, if it has one. */
    Uni<Optional<SemanticCacheSettings>> settings(SqlConnection conn, UUID tenant) {
        return conn.preparedQuery("SELECT similarity_threshold, default_ttl_seconds FROM tenant_semantic_cache_settings "
                + "WHERE tenant_id = $1").execute(Tuple.of(tenant))
                .map(rows -> Rows.first(rows, r -> new SemanticCacheSettings(r.getDouble("similarity_threshold"),
                        r.getInteger("default_ttl_seconds"), true)));
    }

    Uni<Void> putSettings(SqlConnection conn, UUID tenant, double threshold, int ttlSeconds) {
        return conn.preparedQuery("INSERT INTO tenant_semantic_cache_settings (tenant_id, similarity_threshold, default_ttl_seconds) "
                + "VALUES ($1, $2, $3) ON CONFLICT (tenant_id) DO UPDATE SET similarity_threshold = excluded.similarity_threshold, "
                + "default_ttl_seconds = excluded.default_ttl_seconds, updated_at = now()")
                .execute(Tuple.of(tenant, threshold, ttlSeconds)).replaceWithVoid();
    }

    /**
     * Whether {@code versionId} is a version of an active bot of the tenant; the bot row is share
     * locked, so an archive (which deletes the bot's entries) waits for this fill to commit.
     */
    Uni<Boolean> botVersionLive(SqlConnection conn, UUID tenant, UUID versionId) {
        return conn.preparedQuery("SELECT 1 FROM bot_version v JOIN bot b ON b.tenant_id = v.tenant_id AND b.id = v.bot_id "
                + "WHERE v.tenant_id = $1 AND v.id = $2 AND b.status = 'active' FOR SHARE OF b")
                .execute(Tuple.of(tenant, versionId)).map(rows -> rows.size() == 1);
    }

    /**
     * The {@code updated_at} of each of the tenant's FAQ entries among {@code ids}, share locked: a
     * concurrent change (which deletes the entries built from it) waits for this fill to commit.
     */
    Uni<Map<UUID, Instant>> faqs(SqlConnection conn, UUID tenant, List<UUID> ids) {
        return sources(conn, "SELECT id, updated_at FROM bot_faq WHERE tenant_id = $1 AND id = ANY($2) FOR SHARE", tenant, ids);
    }

    /** The {@code updated_at} of each live offering among {@code ids}, share locked as {@link #faqs}. */
    Uni<Map<UUID, Instant>> offerings(SqlConnection conn, UUID tenant, List<UUID> ids) {
        return sources(conn, "SELECT id, updated_at FROM tenant_offering WHERE tenant_id = $1 AND id = ANY($2) AND deleted_at IS NULL "
                + "FOR SHARE", tenant, ids);
    }

    private static Uni<Map<UUID, Instant>> sources(SqlConnection conn, String sql, UUID tenant, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return conn.preparedQuery(sql).execute(Tuple.of(tenant, ids.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, Instant> found = new HashMap<>();
            rows.forEach(r -> found.put(r.getUUID("id"), instant(r, "updated_at")));
            return found;
        });
    }

    /** How many live entries of the scope there are, counted up to {@code cap} (what picks exact or index). */
    Uni<Long> scopeSize(SqlConnection conn, UUID tenant, UUID botVersionId, String language, String model, long cap) {
        SqlParams p = new SqlParams();
        String where = scope(p, tenant, botVersionId, language, model);
        String limit = p.add(cap);
        return conn.preparedQuery("SELECT count(*) FROM (SELECT 1 FROM tenant_semantic_cache c WHERE " + where + " LIMIT " + limit
                + ") s").execute(p.tuple()).map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * The nearest live entry of the scope, with its cosine similarity. Exact orders by
     * {@code (embedding <=> q) + 0}, which no index serves; index orders by {@code embedding <=> q},
     * served by the HNSW index with the connection's iterative scan.
     */
    Uni<Optional<Nearest>> nearest(SqlConnection conn, UUID tenant, UUID botVersionId, String language, String model, String vector,
            boolean exact) {
        SqlParams p = new SqlParams();
        String where = scope(p, tenant, botVersionId, language, model);
        String distance = "c.embedding <=> " + p.add(vector) + "::vector";
        return conn.preparedQuery("WITH near AS (SELECT c.id, " + distance + " AS distance FROM tenant_semantic_cache c WHERE " + where
                + " ORDER BY " + (exact ? "(" + distance + ") + 0" : distance) + " LIMIT 1) SELECT " + ENTRY
                + ", 1 - n.distance AS similarity FROM near n JOIN tenant_semantic_cache c ON c.tenant_id = $1 AND c.id = n.id")
                .execute(p.tuple()).map(rows -> Rows.first(rows, r -> new Nearest(entry(r), r.getDouble("similarity"))));
    }

    /** The entry nearest to a lookup and its similarity. */
    record Nearest(SemanticCacheEntry entry, double similarity) {
    }

    /** One tenant, bot version (or none), language and model, not expired: $1 is the tenant. */
    private static String scope(SqlParams p, UUID tenant, UUID botVersionId, String language, String model) {
        String t = p.add(tenant);
        String bot = botVersionId == null ? "c.bot_version_id IS NULL" : "c.bot_version_id = " + p.add(botVersionId);
        return "c.tenant_id = " + t + " AND " + bot + " AND c.language = " + p.add(language) + " AND c.embedding_model = "
                + p.add(model) + " AND c.expires_at > now()";
    }

    /** Adds coalesced hits to the tenant's entries; answers the rows updated (entries deleted since are skipped). */
    Uni<Integer> addHits(SqlConnection conn, UUID tenant, UUID[] ids, Long[] counts, OffsetDateTime[] lastHits) {
        return conn.preparedQuery("UPDATE tenant_semantic_cache c SET hit_count = c.hit_count + d.n, "
                + "last_hit_at = greatest(c.last_hit_at, d.at) FROM unnest($2::uuid[], $3::bigint[], $4::timestamptz[]) AS d(id, n, at) "
                + "WHERE c.tenant_id = $1 AND c.id = d.id")
                .execute(Tuple.of(tenant, ids, counts, lastHits)).map(rows -> rows.rowCount());
    }

    static SemanticCacheEntry entry(Row row) {
        return new SemanticCacheEntry(row.getUUID("id"), row.getString("query_text"), row.getString("response_text"),
                row.getUUID("bot_version_id"), row.getString("language"), row.getString("embedding_model"),
                Arrays.asList(row.getArrayOfUUIDs("faq_ids")), Arrays.asList(row.getArrayOfUUIDs("offering_ids")),
                instant(row, "expires_at"), row.getLong("hit_count"), instant(row, "last_hit_at"), instant(row, "created_at"));
    }
}
