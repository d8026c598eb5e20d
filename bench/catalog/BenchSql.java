package dev.agentry.catalog.search;

import dev.agentry.catalog.support.SqlParams;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.UUID;

/**
 * The benchmark's door to the service's own search statement (compiled into the package of
 * {@link SearchStore} by bench/catalog/run.sh, so that the baseline runs exactly the SQL the service
 * sends): the plan {@code SearchService.plan} makes for a request without filters, with the same
 * placeholders in the same order, rendered by {@link SearchStore#sql}.
 */
public final class BenchSql {

    public record Statement(String sql, Tuple params) {
    }

    private BenchSql() {
    }

    /**
     * @param vector the query vector as pgvector text ({@code VectorCodec.toSql}); null: text mode
     * @param text the query text; null: vector mode
     */
    public static Statement search(UUID tenant, String vector, String model, String text, boolean exact, double trigramThreshold,
            int textMatchCap, int textWindow, int candidates, int rrfK, int limit) {
        SqlParams params = new SqlParams();
        String t = params.add(tenant);
        String predicate = "v.tenant_id = " + t + " AND v.status = 'active'"
                + " AND EXISTS (SELECT 1 FROM tenant_offering o WHERE o.tenant_id = v.tenant_id AND o.id = v.offering_id "
                + "AND o.deleted_at IS NULL)";
        String vectorParam = vector == null ? null : params.add(vector);
        String modelParam = vector == null ? null : params.add(model);
        String textParam = text == null ? null : params.add(text);
        String threshold = text == null ? null : params.add(trigramThreshold);
        String cap = text == null ? null : params.add(textMatchCap);
        String window = text == null ? null : params.add(textWindow);
        SearchStore.Plan plan = new SearchStore.Plan(params, t, predicate, vector != null, exact, vectorParam, modelParam, textParam,
                threshold, cap, window, params.add(Math.max(candidates, limit)), params.add(rrfK), params.add(limit));
        return new Statement(SearchStore.sql(plan), params.tuple());
    }
}
