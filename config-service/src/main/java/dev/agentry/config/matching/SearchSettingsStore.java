package dev.agentry.config.matching;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Transaction-local planner settings of a vector search. An exact search needs none: its
 * {@code ORDER BY score DESC} cannot be served by the HNSW index, so the planner scans the agent's
 * rows through the tenant/agent btree and keeps the top k. An index search sets
 * {@code hnsw.ef_search} and turns sorting off so that the planner walks the HNSW index (with the
 * connection's {@code hnsw.iterative_scan = relaxed_order}) rather than sort the btree's rows.
 */
@ApplicationScoped
public class SearchSettingsStore {

    public Uni<Void> preferIndex(SqlConnection conn, int efSearch) {
        return conn.preparedQuery("SELECT set_config('hnsw.ef_search', $1, true), set_config('enable_sort', 'off', true), "
                + "set_config('jit', 'off', true)")
                .execute(Tuple.of(Integer.toString(efSearch))).replaceWithVoid();
    }

    /** Which way to search {@code candidates} rows when the caller asked for {@code requested}. */
    public static SearchStrategy decide(SearchStrategy requested, long candidates, int exactMaxRows) {
        if (requested != null && requested != SearchStrategy.AUTO) {
            return requested;
        }
        return candidates > exactMaxRows ? SearchStrategy.INDEX : SearchStrategy.EXACT;
    }
}
