package dev.agentry.common.search;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one place that sets the planner up for an HNSW search, transaction-local
 * ({@code set_config(..., true)}), so it never leaks into the next transaction on a pooled
 * connection. {@code hnsw.iterative_scan = relaxed_order} is a connection option of every service
 * (without it a tenant-filtered HNSW query can return fewer rows than asked); what varies per
 * search is set here:
 * <ul>
 * <li>{@code hnsw.ef_search}: the candidate list of the index walk, at least the rows wanted;</li>
 * <li>for a pure vector top-k, {@code enable_sort = off} and {@code jit = off}: an {@code ORDER BY
 * distance LIMIT k} over a tenant filter is otherwise often planned as a btree scan plus a sort, and
 * JIT compiles that plan for longer than it runs.</li>
 * </ul>
 * An exact search needs no setting: its ordering cannot be served by the HNSW index.
 */
public final class IndexSearchSettings {

    private IndexSearchSettings() {
    }

    /** Sets {@code hnsw.ef_search} for the rest of the transaction. */
    public static Uni<Void> efSearch(SqlConnection conn, int efSearch) {
        return conn.preparedQuery("SELECT set_config('hnsw.ef_search', $1, true)")
                .execute(Tuple.of(Integer.toString(requirePositive(efSearch)))).replaceWithVoid();
    }

    /** {@code hnsw.ef_search}, and the planner steered to the index walk for a vector top-k. */
    public static Uni<Void> preferIndex(SqlConnection conn, int efSearch) {
        return conn.preparedQuery("SELECT set_config('hnsw.ef_search', $1, true), set_config('enable_sort', 'off', true), "
                + "set_config('jit', 'off', true)")
                .execute(Tuple.of(Integer.toString(requirePositive(efSearch)))).replaceWithVoid();
    }

    private static int requirePositive(int efSearch) {
        // pgvector accepts 1..1000; anything else is a configuration mistake, said early.
        if (efSearch < 1 || efSearch > 1000) {
            throw new IllegalArgumentException("hnsw.ef_search must be between 1 and 1000, was " + efSearch);
        }
        return efSearch;
    }
}
