package dev.agentry.audit.retention;

import static dev.agentry.audit.AuditTestSupport.as;
import static dev.agentry.audit.AuditTestSupport.count;
import static dev.agentry.audit.AuditTestSupport.ingest;
import static dev.agentry.audit.AuditTestSupport.log;
import static dev.agentry.audit.AuditTestSupport.ownerQuery;
import static dev.agentry.audit.AuditTestSupport.record;
import static dev.agentry.audit.AuditTestSupport.turn;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.audit.AuditTestSupport;
import dev.agentry.common.limits.PlanLimitNames;
import dev.agentry.common.limits.PlanLimitStore;
import dev.agentry.common.testing.AgentryTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The retention job against the real database and Redis: per-tenant retention from the plan limit
 * (else the default, P365D here), batched deletes (batch size 2 in tests) that keep the chain's
 * anchors, whole partitions dropped past the longest retention, and one replica at a time.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RetentionJobTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    RetentionJob job;

    @Inject
    PlanLimitStore limits;

    @Inject
    @ReactiveDataSource("redactor")
    Pool redactor;

    private static Map<String, Object> logAt(Instant at, String resource) {
        return record("audit_log", at, log("user:ann", "agent.updated", "agent", resource));
    }

    @Test
    void aShortRetentionTenantLosesOnlyItsOldRowsAndItsChainStillVerifies() {
        UUID shortLived = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        limits.publish(shortLived, Map.of(PlanLimitNames.AUDIT_RETENTION_DAYS, 30L)).await().atMost(WAIT);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant old = now.minus(Duration.ofDays(60));
        Instant older = now.minus(Duration.ofDays(45));
        // Chain of the short-lived tenant: 1-3 60 days old, 4-5 45 days, 6-7 now, 8 a late record
        // 50 days old (old time, high chain_seq: removed from the middle of the chain), 9 now.
        ingest(shortLived, List.of(logAt(old, "a1"), logAt(old.plusSeconds(1), "a2"), logAt(old.plusSeconds(2), "a3")));
        ingest(shortLived, List.of(logAt(older, "a4"), logAt(older.plusSeconds(1), "a5")));
        ingest(shortLived, List.of(logAt(now, "a6"), logAt(now.plusMillis(1), "a7")));
        ingest(shortLived, List.of(logAt(now.minus(Duration.ofDays(50)), "a8")));
        ingest(shortLived, List.of(logAt(now.plusMillis(2), "a9"),
                record("turn_record", old, turn(UUID.randomUUID(), 1, "old turn")),
                record("turn_record", now, turn(UUID.randomUUID(), 1, "new turn")),
                record("usage_metric", old, Map.of("metric_type", "tokens", "metric_value", 5,
                        "period_start", old.toString(), "period_end", old.plusSeconds(60).toString()))));
        // Another tenant, the same old month: its default retention (365 days) keeps everything.
        ingest(other, List.of(logAt(old, "b1"), logAt(old.plusSeconds(1), "b2"),
                record("turn_record", old, turn(UUID.randomUUID(), 1, "kept"))));

        RetentionRun run = job.run().await().atMost(WAIT);
        assertTrue(run.ran());
        assertTrue(run.rowsDeleted().get("audit_logs") >= 6, run.toString());

        assertEquals(3, count(shortLived, "audit_logs"));
        assertEquals(List.of(6L, 7L, 9L), chainSeqs(shortLived));
        assertEquals(1, count(shortLived, "turn_records"));
        assertEquals(0, count(shortLived, "usage_metrics"));
        assertEquals(2, count(other, "audit_logs"));
        assertEquals(1, count(other, "turn_records"));
        // The anchors: the last of the removed head (5) and the late row before a kept one (8).
        assertEquals(2, ownerQuery(shortLived, "SELECT count(*) FROM audit.chain_anchors WHERE tenant_id = '"
                + shortLived + "' AND chain_seq IN (5, 8) AND reason = 'retention'"));

        String auditor = AuditTestSupport.auditor(shortLived);
        as(auditor).get("/v1/audit/verify").then().statusCode(200).body("verified", equalTo(true))
                .body("checked", equalTo(3)).body("first_seq", equalTo(6)).body("anchor_seq", equalTo(5))
                .body("broken", nullValue());
        as(AuditTestSupport.auditor(other)).get("/v1/audit/verify").then().body("verified", equalTo(true))
                .body("checked", equalTo(2)).body("anchor_seq", nullValue());
        // The role that keeps anchors can neither change nor remove one.
        for (String sql : List.of("UPDATE chain_anchors SET row_hash = '\\x00' WHERE tenant_id = $1",
                "DELETE FROM chain_anchors WHERE tenant_id = $1")) {
            Throwable refused = redactor.withTransaction(conn -> conn.preparedQuery("SELECT set_config('app.tenant_id', $1, true)")
                    .execute(Tuple.of(shortLived.toString()))
                    .flatMap(b -> conn.preparedQuery(sql).execute(Tuple.of(shortLived))))
                    .onItem().transform(r -> (Throwable) null).onFailure().recoverWithItem(e -> e).await().atMost(WAIT);
            assertTrue(refused != null && refused.getMessage().contains("permission denied"), sql + ": " + refused);
        }
        // Appending goes on after the anchors.
        ingest(shortLived, List.of(logAt(now.plusMillis(3), "a10")));
        as(auditor).get("/v1/audit/verify").then().body("verified", equalTo(true)).body("last_seq", equalTo(10));
        // A second run finds nothing more to remove.
        RetentionRun again = job.run().await().atMost(WAIT);
        assertEquals(null, again.rowsDeleted().get("audit_logs"));

        // A row changed directly in the database is still the broken link...
        assertEquals(1, ownerQuery(shortLived, "UPDATE audit.audit_logs SET new_values = '{\"name\": \"forged\"}' "
                + "WHERE chain_seq = 7"));
        as(auditor).get("/v1/audit/verify").then().body("verified", equalTo(false))
                .body("broken.chain_seq", equalTo(7)).body("broken.reason", equalTo("content_changed"));
        // ...and a row removed from the middle, not by retention (no anchor), is still reported.
        assertEquals(1, ownerQuery(shortLived, "DELETE FROM audit.audit_logs WHERE chain_seq = 6"));
        as(auditor).get("/v1/audit/verify").then().body("verified", equalTo(false))
                .body("broken.chain_seq", equalTo(7)).body("broken.reason", equalTo("previous_row_missing"));
    }

    @Test
    void monthsOlderThanTheLongestRetentionAreDroppedWithTheChainAnchored() {
        UUID tenant = UUID.randomUUID();
        UUID neighbour = UUID.randomUUID();
        Instant may2003 = Instant.parse("2003-05-10T10:00:00Z");
        ingest(tenant, List.of(logAt(may2003, "x1"), logAt(may2003.plusSeconds(1), "x2")));
        ingest(tenant, List.of(logAt(Instant.now(), "x3")));
        ingest(neighbour, List.of(record("turn_record", may2003, turn(UUID.randomUUID(), 1, "2003"))));
        assertEquals(1, ownerQuery(tenant, "SELECT count(*) FROM pg_class WHERE relname = 'audit_logs_y2003m05'"));

        RetentionRun run = job.run().await().atMost(WAIT);
        assertTrue(run.partitionsDropped().containsAll(List.of("audit_logs_y2003m05", "turn_records_y2003m05",
                "audit_events_y2003m05", "usage_metrics_y2003m05", "integration_sync_logs_y2003m05")), run.toString());
        assertEquals(0, ownerQuery(tenant, "SELECT count(*) FROM pg_class WHERE relname LIKE '%_y2003m05'"));
        assertEquals(1, count(tenant, "audit_logs"));
        assertEquals(0, count(neighbour, "turn_records"));
        assertEquals(1, ownerQuery(tenant, "SELECT count(*) FROM audit.chain_anchors WHERE tenant_id = '" + tenant
                + "' AND chain_seq = 2 AND reason = 'partition_dropped'"));
        as(AuditTestSupport.auditor(tenant)).get("/v1/audit/verify").then().body("verified", equalTo(true))
                .body("checked", equalTo(1)).body("first_seq", equalTo(3)).body("anchor_seq", equalTo(2));
        // A late record of a dropped month gets its partition again.
        ingest(neighbour, List.of(record("turn_record", may2003, turn(UUID.randomUUID(), 2, "late"))));
        assertEquals(1, count(neighbour, "turn_records"));
    }

    @Test
    void aMonthWhoseLocksAreNotGrantedInTimeIsDeletedInBatchesInstead() throws Exception {
        UUID tenant = UUID.randomUUID();
        Instant june2004 = Instant.parse("2004-06-10T10:00:00Z");
        ingest(tenant, List.of(logAt(june2004, "y1"), logAt(june2004.plusSeconds(1), "y2"),
                record("turn_record", june2004, turn(UUID.randomUUID(), 1, "2004"))));
        ingest(tenant, List.of(logAt(Instant.now(), "y3")));
        try (Connection c = ownerConnection(); Statement s = c.createStatement()) {
            // A long reader holds the parent: the drop's exclusive lock waits lock-timeout (1 s here), then gives up.
            c.setAutoCommit(false);
            s.execute("LOCK TABLE audit.turn_records IN ACCESS SHARE MODE");
            RetentionRun run = job.run().await().atMost(WAIT);
            c.rollback();
            assertTrue(run.ran());
            assertEquals(List.of(), run.partitionsDropped());
        }
        assertEquals(1, ownerQuery(tenant, "SELECT count(*) FROM pg_class WHERE relname = 'turn_records_y2004m06'"));
        assertEquals(0, count(tenant, "turn_records"));
        assertEquals(1, count(tenant, "audit_logs"));
        assertEquals(1, ownerQuery(tenant, "SELECT count(*) FROM audit.chain_anchors WHERE tenant_id = '" + tenant
                + "' AND chain_seq = 2 AND reason = 'retention'"));
        as(AuditTestSupport.auditor(tenant)).get("/v1/audit/verify").then().body("verified", equalTo(true))
                .body("anchor_seq", equalTo(2));
        // The next run drops the month.
        assertTrue(job.run().await().atMost(WAIT).partitionsDropped().contains("turn_records_y2004m06"));
    }

    private static Connection ownerConnection() throws java.sql.SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.migrations.jdbc.url", String.class),
                config.getValue("quarkus.datasource.migrations.username", String.class),
                config.getOptionalValue("quarkus.datasource.migrations.password", String.class).orElse(""));
    }

    @Test
    void oneReplicaAtATime() throws Exception {
        try (Connection c = ownerConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_lock(hashtextextended('audit:retention', 0))");
            RetentionRun run = job.run().await().atMost(WAIT);
            assertFalse(run.ran());
            s.execute("SELECT pg_advisory_unlock(hashtextextended('audit:retention', 0))");
        }
        assertTrue(job.run().await().atMost(WAIT).ran());
    }

    private static List<Long> chainSeqs(UUID tenant) {
        List<Long> out = new ArrayList<>();
        long n = count(tenant, "audit_logs");
        for (long seq = 1; seq <= 20 && out.size() < n; seq++) {
            if (ownerQuery(tenant, "SELECT count(*) FROM audit.audit_logs WHERE chain_seq = " + seq) == 1) {
                out.add(seq);
            }
        }
        return out;
    }
}
