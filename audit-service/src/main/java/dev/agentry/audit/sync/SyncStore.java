package dev.agentry.audit.sync;

import static dev.agentry.common.db.Rows.instant;

import dev.agentry.audit.store.Params;
import dev.agentry.audit.store.TimeRange;
import dev.agentry.common.db.Rows;
import dev.agentry.common.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** All SQL reading {@code audit.integration_sync_logs}, inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class SyncStore {

    static final String COLUMNS = "id, sync_run_id, system, direction, status, records_processed, error_message, "
            + "started_at, completed_at, metadata_json, recorded_at";

    Uni<List<SyncLog>> list(SqlConnection conn, UUID tenant, String system, UUID run, TimeRange range, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM integration_sync_logs WHERE tenant_id = $1 "
                + "AND ($2::varchar IS NULL OR system = $2) AND ($3::uuid IS NULL OR sync_run_id = $3) "
                + "AND started_at >= $4 AND started_at < $5 AND ($6::uuid IS NULL OR id < $6) ORDER BY id DESC LIMIT $7")
                .execute(Params.tuple(tenant, system, run, Rows.timestamp(range.from()), Rows.timestamp(range.to()),
                        page.after(), page.fetchSize()))
                .map(rows -> Rows.list(rows, SyncStore::map));
    }

    static SyncLog map(Row r) {
        return new SyncLog(r.getUUID("id"), r.getUUID("sync_run_id"), r.getString("system"), r.getString("direction"),
                r.getString("status"), r.getInteger("records_processed"), r.getString("error_message"),
                instant(r, "started_at"), instant(r, "completed_at"), Params.plain(r.getValue("metadata_json")),
                instant(r, "recorded_at"));
    }
}
