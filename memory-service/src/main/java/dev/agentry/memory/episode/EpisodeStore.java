package dev.agentry.memory.episode;

import static dev.agentry.common.db.Rows.enumValue;
import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.timestamp;
import static dev.agentry.common.db.Rows.wire;

import dev.agentry.common.db.Rows;
import dev.agentry.common.db.SqlErrors;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.vector.VectorCodec;
import dev.agentry.memory.search.Boost;
import dev.agentry.memory.search.HitScores;
import dev.agentry.memory.search.HybridSql;
import dev.agentry.memory.search.RankingLimits;
import dev.agentry.memory.search.SqlParams;
import dev.agentry.memory.search.SqlStatement;
import dev.agentry.memory.search.TextQuery;
import dev.agentry.memory.search.VectorQuery;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code episodes} and {@code episode_stats}, inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class EpisodeStore {

    static final String COLUMNS = "t.id, t.agent_id, t.customer_profile_id, t.session_id, t.group_id, t.episode_type, "
            + "t.content, t.language, t.embedding_model, t.importance, t.valid_from, t.valid_to, t.recorded_at, "
            + "t.metadata, t.updated_at";

    /** An episode ready to store: validated, with its vector and the model that made it. */
    public record NewEpisode(UUID id, EpisodeCreate create, float[] embedding, String embeddingModel) {
    }

    /** Filters of a list or a search; null means "any". */
    public record Filter(UUID agentId, UUID customerProfileId, UUID sessionId, UUID groupId, List<EpisodeType> types) {

        /** A filter that leaves few rows, which an exact scan through its B-tree answers best. */
        public boolean narrow() {
            return customerProfileId != null || sessionId != null || groupId != null;
        }
    }

    /** The time point of a search: valid at {@code asOf}; recorded by {@code knownAt} when given. */
    public record Validity(Instant asOf, Instant knownAt) {
    }

    /** The boosts of a search: the weights of recency and importance, and recency's half-life. */
    public record Weights(double recency, double importance, double halfLifeSeconds) {
    }

    /**
     * A search, resolved: which rows (filter, time point), the vector ranking (null in text mode),
     * the text ranking (null without text or in vector mode), the sizes and the boosts.
     */
    public record Query(Filter filter, Validity validity, VectorQuery vector, TextQuery text, RankingLimits limits,
            Weights weights) {
    }

    /** Inserts every episode in one statement (so one trigger run updates the counts), all or nothing. */
    public Uni<List<Episode>> insertAll(SqlConnection conn, UUID tenant, List<NewEpisode> episodes) {
        SqlStatement s = insertStatement(tenant, episodes);
        return conn.preparedQuery(s.sql()).execute(s.params())
                .onFailure().transform(e -> SqlErrors.translate(e, Map.of()))
                .map(rows -> Rows.list(rows, EpisodeStore::map));
    }

    /** The insert exactly as {@link #insertAll} sends it (arrays unnested server-side); public for the benchmark. */
    public static SqlStatement insertStatement(UUID tenant, List<NewEpisode> episodes) {
        int n = episodes.size();
        UUID[] ids = new UUID[n];
        UUID[] agents = new UUID[n];
        UUID[] customers = new UUID[n];
        UUID[] sessions = new UUID[n];
        UUID[] groups = new UUID[n];
        String[] types = new String[n];
        String[] contents = new String[n];
        String[] languages = new String[n];
        String[] vectors = new String[n];
        String[] models = new String[n];
        Double[] importances = new Double[n];
        OffsetDateTime[] validFrom = new OffsetDateTime[n];
        OffsetDateTime[] validTo = new OffsetDateTime[n];
        String[] metadata = new String[n];
        for (int i = 0; i < n; i++) {
            NewEpisode e = episodes.get(i);
            EpisodeCreate c = e.create();
            ids[i] = e.id();
            agents[i] = c.agentId();
            customers[i] = c.customerProfileId();
            sessions[i] = c.sessionId();
            groups[i] = c.groupId();
            types[i] = wire(c.episodeType());
            contents[i] = c.content();
            languages[i] = c.language() == null ? "en" : c.language();
            vectors[i] = VectorCodec.toSql(e.embedding());
            models[i] = e.embeddingModel();
            importances[i] = c.importance() == null ? 0.5 : c.importance();
            validFrom[i] = timestamp(c.validFrom());
            validTo[i] = timestamp(c.validTo());
            metadata[i] = Rows.jsonb(c.metadata()).encode();
        }
        return new SqlStatement("INSERT INTO episodes AS t (id, tenant_id, agent_id, customer_profile_id, session_id, group_id, "
                + "episode_type, content, language, embedding, embedding_model, importance, valid_from, valid_to, metadata) "
                + "SELECT u.id, $1, u.agent_id, u.customer_profile_id, u.session_id, u.group_id, u.episode_type, u.content, "
                + "u.language, u.embedding::vector, u.embedding_model, u.importance, coalesce(u.valid_from, now()), u.valid_to, "
                + "u.metadata::jsonb FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], "
                + "$8::text[], $9::text[], $10::text[], $11::text[], $12::float8[], $13::timestamptz[], $14::timestamptz[], "
                + "$15::text[]) AS u (id, agent_id, customer_profile_id, session_id, group_id, episode_type, content, "
                + "language, embedding, embedding_model, importance, valid_from, valid_to, metadata) RETURNING " + COLUMNS,
                Tuple.from(new Object[] { tenant, ids, agents, customers, sessions, groups, types, contents, languages, vectors,
                        models, importances, validFrom, validTo, metadata }));
    }

    public Uni<Optional<Episode>> find(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM episodes t WHERE t.tenant_id = $1 AND t.id = $2")
                .execute(Tuple.of(tenant, id)).map(rows -> Rows.first(rows, EpisodeStore::map));
    }

    public Uni<List<Episode>> list(SqlConnection conn, UUID tenant, Filter filter, PageRequest page) {
        SqlParams p = new SqlParams();
        String where = where(p, p.add(tenant), filter);
        if (page.after() != null) {
            where += " AND t.id < " + p.add(page.after());
        }
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM episodes t WHERE " + where + " ORDER BY t.id DESC LIMIT "
                + p.add(page.fetchSize())).execute(p.tuple()).map(rows -> Rows.list(rows, EpisodeStore::map));
    }

    public Uni<Optional<Episode>> update(SqlConnection conn, UUID tenant, UUID id, EpisodeUpdate update) {
        return conn.preparedQuery("UPDATE episodes t SET importance = coalesce($3, importance), valid_to = coalesce($4, valid_to), "
                + "metadata = coalesce($5, metadata), updated_at = now() WHERE t.tenant_id = $1 AND t.id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { tenant, id, update.importance(), timestamp(update.validTo()),
                        update.metadata() == null ? null : Rows.jsonb(update.metadata()) }))
                .onFailure().transform(e -> SqlErrors.translate(e, Map.of()))
                .map(rows -> Rows.first(rows, EpisodeStore::map));
    }

    public Uni<Boolean> delete(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("DELETE FROM episodes WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenant, id))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Erasure: every episode about one customer profile. */
    public Uni<Integer> deleteByCustomer(SqlConnection conn, UUID tenant, UUID customerProfileId) {
        return conn.preparedQuery("DELETE FROM episodes WHERE tenant_id = $1 AND customer_profile_id = $2")
                .execute(Tuple.of(tenant, customerProfileId)).map(rows -> rows.rowCount());
    }

    /** Retention: deletes at most {@code batch} episodes of one type recorded before {@code cutoff}. */
    public Uni<Integer> deleteRecordedBefore(SqlConnection conn, UUID tenant, EpisodeType type, Instant cutoff, int batch) {
        return conn.preparedQuery("DELETE FROM episodes WHERE tenant_id = $1 AND id IN (SELECT id FROM episodes "
                + "WHERE tenant_id = $1 AND episode_type = $2 AND recorded_at < $3 LIMIT $4)")
                .execute(Tuple.of(tenant, wire(type), timestamp(cutoff), batch)).map(rows -> rows.rowCount());
    }

    /** The tenant's episode count per embedding model, from the trigger-kept counters (not a count). */
    public Uni<Map<String, Long>> countsByModel(SqlConnection conn, UUID tenant) {
        return conn.preparedQuery("SELECT s.embedding_model, sum(s.episodes)::bigint AS episodes FROM episode_stats s "
                + "WHERE s.tenant_id = $1 GROUP BY s.embedding_model")
                .execute(Tuple.of(tenant)).map(rows -> {
                    Map<String, Long> counts = new HashMap<>();
                    for (Row row : rows) {
                        String model = row.getString("embedding_model");
                        Long count = row.getLong("episodes");
                        if (model != null && count != null && count > 0) {
                            counts.put(model, count);
                        }
                    }
                    return counts;
                });
    }

    public Uni<List<EpisodeHit>> search(SqlConnection conn, UUID tenant, Query q) {
        SqlStatement s = searchStatement(tenant, q);
        return conn.preparedQuery(s.sql()).execute(s.params())
                .map(rows -> Rows.list(rows, row -> new EpisodeHit(map(row), HitScores.of(row))));
    }

    /**
     * The search statement exactly as {@link #search} sends it; public so that the benchmark
     * (bench/memory) runs the same SQL raw as its baseline.
     */
    public static SqlStatement searchStatement(UUID tenant, Query q) {
        SqlParams p = new SqlParams();
        String tenantParam = p.add(tenant);
        String asOf = p.add(timestamp(q.validity().asOf())) + "::timestamptz";
        String filter = where(p, tenantParam, q.filter()) + " AND t.valid_from <= " + asOf
                + " AND (t.valid_to IS NULL OR t.valid_to > " + asOf + ")";
        if (q.validity().knownAt() != null) {
            filter += " AND t.recorded_at <= " + p.add(timestamp(q.validity().knownAt())) + "::timestamptz";
        }
        String recency = "exp(-0.6931471805599453 * greatest(extract(epoch FROM (now() - t.recorded_at))::float8, 0) / "
                + p.add(q.weights().halfLifeSeconds()) + "::float8)";
        HybridSql.Source source = new HybridSql.Source("episodes", "", COLUMNS, filter, tenantParam,
                "episode_text_matches(" + tenantParam + ", %s, %s)");
        String sql = HybridSql.sql(p, new HybridSql.Spec(source, q.vector(), q.text(), q.limits(),
                new Boost(recency, "t.importance", q.weights().recency(), q.weights().importance())));
        return new SqlStatement(sql, p.tuple());
    }

    /** The tenant and the optional filters as a WHERE clause over alias {@code t}. */
    private static String where(SqlParams p, String tenantParam, Filter f) {
        StringBuilder sql = new StringBuilder("t.tenant_id = ").append(tenantParam);
        if (f.agentId() != null) {
            sql.append(" AND t.agent_id = ").append(p.add(f.agentId()));
        }
        if (f.customerProfileId() != null) {
            sql.append(" AND t.customer_profile_id = ").append(p.add(f.customerProfileId()));
        }
        if (f.sessionId() != null) {
            sql.append(" AND t.session_id = ").append(p.add(f.sessionId()));
        }
        if (f.groupId() != null) {
            sql.append(" AND t.group_id = ").append(p.add(f.groupId()));
        }
        if (f.types() != null && !f.types().isEmpty()) {
            List<String> types = new ArrayList<>();
            f.types().forEach(t -> types.add(wire(t)));
            sql.append(" AND t.episode_type = ANY(").append(p.add(types.toArray(String[]::new))).append("::text[])");
        }
        return sql.toString();
    }

    static Episode map(Row row) {
        return new Episode(row.getUUID("id"), row.getUUID("agent_id"), row.getUUID("customer_profile_id"),
                row.getUUID("session_id"), row.getUUID("group_id"), enumValue(row, "episode_type", EpisodeType.class),
                row.getString("content"), row.getString("language"), row.getString("embedding_model"),
                row.getDouble("importance"), instant(row, "valid_from"), instant(row, "valid_to"),
                instant(row, "recorded_at"), Rows.object(row, "metadata"),
                instant(row, "updated_at"));
    }
}
