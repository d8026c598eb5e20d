package dev.agentry.memory.forgetting;

import static dev.agentry.common.db.Rows.enumValue;
import static dev.agentry.common.db.Rows.wire;

import dev.agentry.common.db.Rows;
import dev.agentry.memory.episode.EpisodeType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** All SQL on {@code retention_policies}, and the cross-tenant list the sweep starts from. */
@ApplicationScoped
public class RetentionStore {

    /** The tenant's own maximum ages. */
    public Uni<Map<EpisodeType, Duration>> policies(SqlConnection conn, UUID tenant) {
        return conn.preparedQuery("SELECT episode_type, max_age_seconds FROM retention_policies WHERE tenant_id = $1")
                .execute(Tuple.of(tenant)).map(rows -> {
                    Map<EpisodeType, Duration> out = new EnumMap<>(EpisodeType.class);
                    for (Row row : rows) {
                        out.put(enumValue(row, "episode_type", EpisodeType.class), Duration.ofSeconds(row.getLong("max_age_seconds")));
                    }
                    return out;
                });
    }

    public Uni<Void> upsert(SqlConnection conn, UUID tenant, EpisodeType type, Duration maxAge) {
        return conn.preparedQuery("INSERT INTO retention_policies (tenant_id, episode_type, max_age_seconds) VALUES ($1, $2, $3) "
                + "ON CONFLICT (tenant_id, episode_type) DO UPDATE SET max_age_seconds = EXCLUDED.max_age_seconds, updated_at = now()")
                .execute(Tuple.of(tenant, wire(type), maxAge.toSeconds())).replaceWithVoid();
    }

    public Uni<Boolean> delete(SqlConnection conn, UUID tenant, EpisodeType type) {
        return conn.preparedQuery("DELETE FROM retention_policies WHERE tenant_id = $1 AND episode_type = $2")
                .execute(Tuple.of(tenant, wire(type))).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Tenants that hold episodes, through the SECURITY DEFINER function of the V1 migration: the
     * only read across tenants, and it answers ids only. Run with no tenant bound.
     */
    public Uni<List<UUID>> tenantsWithEpisodes(SqlConnection conn) {
        return conn.query("SELECT tenant_id FROM tenants_with_episodes() AS t (tenant_id)").execute()
                .map(rows -> Rows.list(rows, r -> r.getUUID("tenant_id")));
    }
}
