package dev.agentry.audit.usage;

import static dev.agentry.common.db.Rows.instant;

import dev.agentry.audit.store.Params;
import dev.agentry.common.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** All SQL reading {@code audit.usage_metrics}, inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class UsageStore {

    /** Sums per (period, metric type); the range prunes partitions (they are by period_start). */
    Uni<List<UsageBucket>> aggregate(SqlConnection conn, UUID tenant, Granularity granularity, String metricType,
            UUID agentId, Instant from, Instant to, int limit) {
        String unit = granularity == Granularity.DAY ? "day" : "month";
        return conn.preparedQuery("SELECT metric_type, date_trunc('" + unit + "', period_start AT TIME ZONE 'UTC') "
                + "AT TIME ZONE 'UTC' AS period, sum(metric_value)::bigint AS total, count(*) AS samples "
                + "FROM usage_metrics WHERE tenant_id = $1 AND ($2::varchar IS NULL OR metric_type = $2) "
                + "AND ($3::uuid IS NULL OR agent_id = $3) AND period_start >= $4 AND period_start < $5 "
                + "GROUP BY 1, 2 ORDER BY 2, 1 LIMIT $6")
                .execute(Params.tuple(tenant, metricType, agentId, Rows.timestamp(from), Rows.timestamp(to), limit))
                .map(rows -> Rows.list(rows, r -> new UsageBucket(r.getString("metric_type"), instant(r, "period"),
                        r.getLong("total"), r.getLong("samples"))));
    }
}
