package dev.agentry.audit;

import static dev.agentry.audit.AuditTestSupport.ingest;
import static dev.agentry.audit.AuditTestSupport.log;
import static dev.agentry.audit.AuditTestSupport.record;
import static dev.agentry.audit.AuditTestSupport.turn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.db.Rows;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.SchemaSecurityContract;
import dev.agentry.common.testing.TestDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database itself keeps tenants apart and keeps the trail append-only for the runtime role.
 * The shared contract counts the five partitioned tables and chain_anchors (not the partitions,
 * whose number grows with time) and checks forced RLS on all of them, partitions included; the test
 * below pins what else the schema may hold: for each partitioned table, partitions named
 * {@code <table>_yYYYYmMM}, and the one plain table chain_anchors, nothing else.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RowLevelSecurityTest extends SchemaSecurityContract {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    TenantTransactions tx;

    @BeforeAll
    static void clean() {
        TestDatabase.truncate("audit");
    }

    @Override
    protected String schema() {
        return "audit";
    }

    @Override
    protected int tableCount() {
        return AuditTestSupport.TABLES.size() + 1; // + chain_anchors
    }

    private List<String> partitions() {
        List<String> out = new ArrayList<>();
        pool.preparedQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = $1 AND c.relispartition AND c.relkind IN ('r', 'p')").execute(Tuple.of("audit")).await().atMost(WAIT)
                .forEach(r -> out.add(r.getString(0)));
        return out;
    }

    @Test
    void theSchemaHoldsTheFiveTablesTheirMonthlyPartitionsAndTheAnchorsOnly() {
        List<String> parents = new ArrayList<>();
        pool.preparedQuery("SELECT c.relname, c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname NOT LIKE 'flyway%'")
                .execute(Tuple.of("audit")).await().atMost(WAIT).forEach(r -> {
                    parents.add(r.getString(0));
                    assertEquals(r.getString(0).equals("chain_anchors") ? "r" : "p", r.getString(1),
                            r.getString(0) + " is not partitioned");
                });
        Set<String> expected = new java.util.HashSet<>(AuditTestSupport.TABLES);
        expected.add("chain_anchors");
        assertEquals(expected, Set.copyOf(parents));
        pool.preparedQuery("SELECT c.relname, p.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')").execute(Tuple.of("audit")).await().atMost(WAIT)
                .forEach(r -> assertTrue(r.getString(0).matches(r.getString(1) + "_y\\d{4}m\\d{2}"), r.getString(0)));
        // Made ahead: this month and the next three, for each table.
        assertTrue(partitions().size() >= 5 * 4, partitions().toString());
    }

    @Test
    void aLateRecordGetsItsMonthsPartitionWithForcedRowLevelSecurity() {
        UUID tenant = UUID.randomUUID();
        ingest(tenant, List.of(record("turn_record", Instant.parse("2019-05-17T10:00:00Z"), turn(UUID.randomUUID(), 1, "old"))));
        var row = pool.preparedQuery("SELECT relrowsecurity, relforcerowsecurity FROM pg_class c JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname = 'audit' AND relname = 'turn_records_y2019m05'")
                .execute().await().atMost(WAIT).iterator().next();
        assertTrue(row.getBoolean(0) && row.getBoolean(1));
    }

    @Test
    void theRuntimeRoleCanNeitherUpdateNorDeleteAnAuditRow() {
        UUID tenant = UUID.randomUUID();
        Instant now = Instant.now();
        ingest(tenant, List.of(record("turn_record", now, turn(UUID.randomUUID(), 1, "hello")),
                record("audit_event", now, Map.of("event_type", "decision", "event_data", Map.of("a", 1))),
                record("audit_log", now, log("user:1", "agent.created", "agent", "a1")),
                record("usage_metric", now, Map.of("metric_type", "tokens", "metric_value", 5,
                        "period_start", now.toString(), "period_end", now.plusSeconds(60).toString())),
                record("sync_log", now, Map.of("sync_run_id", UUID.randomUUID().toString(), "system", "jira",
                        "direction", "inbound", "status", "running", "started_at", now.toString()))));
        for (String table : AuditTestSupport.TABLES) {
            for (String sql : List.of("UPDATE " + table + " SET recorded_at = now()", "DELETE FROM " + table,
                    "TRUNCATE " + table)) {
                Throwable failure = tx.inTenant(tenant, conn -> conn.query(sql).execute())
                        .onItem().transform(r -> (Throwable) null).onFailure().recoverWithItem(e -> e)
                        .await().atMost(WAIT);
                assertTrue(failure != null && failure.getMessage().contains("permission denied"), sql + ": " + failure);
            }
            assertEquals(1, AuditTestSupport.count(tenant, table), table);
        }
        // Nor write a chain anchor (only the retention path keeps them, as the redactor role).
        for (String sql : List.of("INSERT INTO chain_anchors (tenant_id, chain_seq, row_hash, reason, removed_before) "
                + "VALUES ('" + tenant + "', 1, '\\x00', 'retention', now())", "UPDATE chain_anchors SET row_hash = '\\x00'",
                "DELETE FROM chain_anchors")) {
            Throwable failure = tx.inTenant(tenant, conn -> conn.query(sql).execute())
                    .onItem().transform(r -> (Throwable) null).onFailure().recoverWithItem(e -> e).await().atMost(WAIT);
            assertTrue(failure != null && failure.getMessage().contains("permission denied"), sql + ": " + failure);
        }
        // A partition read directly: no privilege (and no policy of its own).
        String partition = partitions().stream().filter(p -> p.startsWith("turn_records_")).findFirst().orElseThrow();
        Throwable direct = tx.inTenant(tenant, conn -> conn.query("SELECT count(*) FROM " + partition).execute())
                .onItem().transform(r -> (Throwable) null).onFailure().recoverWithItem(e -> e).await().atMost(WAIT);
        assertTrue(direct != null && direct.getMessage().contains("permission denied"), String.valueOf(direct));
    }

    @Test
    void aQueryWithoutTenantFilterSeesOnlyTheBoundTenant() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        for (UUID t : List.of(a, b)) {
            ingest(t, List.of(record("audit_log", Instant.now(), log("user:x", "rule.updated", "rule", "r")),
                    record("turn_record", Instant.now(), turn(UUID.randomUUID(), 1, "x"))));
        }
        for (String table : AuditTestSupport.TABLES) {
            Set<UUID> tenants = tx.inTenant(a, conn -> conn.query("SELECT DISTINCT tenant_id FROM " + table).execute())
                    .map(rows -> Rows.list(rows, r -> r.getUUID(0)).stream().collect(Collectors.toSet()))
                    .await().atMost(WAIT);
            assertTrue(tenants.isEmpty() || tenants.equals(Set.of(a)), table + ": " + tenants);
        }
        long unbound = pool.query("SELECT count(*) FROM audit_logs").execute()
                .map(r -> r.iterator().next().getLong(0)).await().atMost(WAIT);
        assertEquals(0, unbound);
        Throwable foreign = tx.inTenant(a, conn -> conn.preparedQuery("INSERT INTO audit_events (id, tenant_id, event_type, "
                + "event_data, created_at) VALUES ($1, $2, 'x', '{}', now())").execute(Tuple.of(UUID.randomUUID(), b)))
                .onItem().transform(r -> (Throwable) null).onFailure().recoverWithItem(e -> e).await().atMost(WAIT);
        assertTrue(foreign != null && foreign.getMessage().contains("row-level security"), String.valueOf(foreign));
    }
}
