package dev.agentry.memory;

import static dev.agentry.memory.MemoryTestSupport.as;
import static dev.agentry.memory.MemoryTestSupport.runtime;
import static dev.agentry.memory.MemoryTestSupport.unitVector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.db.Rows;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.SchemaSecurityContract;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The database itself keeps tenants apart, whatever the SQL forgets; the counters follow the rows. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RowLevelSecurityTest extends SchemaSecurityContract {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    TenantTransactions tx;

    static String episode(UUID tenant, int axis) {
        return as(runtime(tenant)).body(Map.of("agent_id", UUID.randomUUID(), "episode_type", "turn", "content", "row " + axis,
                "embedding", unitVector(axis), "embedding_model", "test-model")).post("/v1/episodes").then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void aQueryWithoutTenantFilterSeesOnlyTheBoundTenant() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        episode(a, 1);
        episode(b, 2);
        for (String table : List.of("episodes", "episode_stats")) {
            Set<UUID> seen = tx.inTenant(a, conn -> conn.query("SELECT tenant_id FROM " + table).execute())
                    .map(rows -> Rows.list(rows, r -> r.getUUID("tenant_id")).stream().collect(Collectors.toSet()))
                    .await().atMost(WAIT);
            assertEquals(Set.of(a), seen, table);
        }
        long withoutTenant = pool.query("SELECT count(*) FROM episodes").execute().map(r -> r.iterator().next().getLong(0))
                .await().atMost(WAIT);
        assertEquals(0, withoutTenant);
        // A partition is reachable only through its parent: the runtime role has no grant on it.
        Throwable direct = pool.query("SELECT count(*) FROM episodes_p0").execute().onItem().transform(r -> (Throwable) null)
                .onFailure().recoverWithItem(e -> e).await().atMost(WAIT);
        assertTrue(direct != null && direct.getMessage().contains("permission denied"), String.valueOf(direct));
    }

    @Test
    void writingIntoAnotherTenantIsRefusedByThePolicy() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Throwable failure = tx.inTenant(a, conn -> conn.preparedQuery("INSERT INTO entities (id, tenant_id, name, entity_type, "
                + "canonical_name) VALUES ($1, $2, 'x', 'person', 'x')").execute(Tuple.of(UUID.randomUUID(), b)))
                .onItem().transform(r -> (Throwable) null).onFailure().recoverWithItem(e -> e).await().atMost(WAIT);
        assertTrue(failure != null && failure.getMessage().contains("row-level security"), String.valueOf(failure));
    }

    @Test
    void theCountersFollowInsertsAndDeletes() {
        UUID tenant = UUID.randomUUID();
        String first = episode(tenant, 3);
        episode(tenant, 4);
        episode(tenant, 5);
        as(runtime(tenant)).delete("/v1/episodes/" + first).then().statusCode(204);
        long counted = tx.inTenant(tenant, conn -> conn.preparedQuery("SELECT sum(episodes) FROM episode_stats WHERE tenant_id = $1 "
                + "AND embedding_model = 'test-model'").execute(Tuple.of(tenant))).map(r -> r.iterator().next().getLong(0))
                .await().atMost(WAIT);
        assertEquals(2, counted);
    }

    @Test
    void theTextMatchFunctionsAnswerOnlyForTheBoundTenant() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        as(runtime(a)).body(Map.of("agent_id", UUID.randomUUID(), "episode_type", "fact", "content", "zebra quartz",
                "embedding", unitVector(7), "embedding_model", "test-model")).post("/v1/episodes").then().statusCode(201);
        String sql = "SELECT count(*) FROM episode_text_matches($1, 'zebra & quartz'::tsquery, 10)";
        long own = tx.inTenant(a, conn -> conn.preparedQuery(sql).execute(Tuple.of(a))).map(r -> r.iterator().next().getLong(0))
                .await().atMost(WAIT);
        assertEquals(1, own);
        // Bound to B, asking for A's rows: nothing.
        long foreign = tx.inTenant(b, conn -> conn.preparedQuery(sql).execute(Tuple.of(a))).map(r -> r.iterator().next().getLong(0))
                .await().atMost(WAIT);
        assertEquals(0, foreign);
    }

    @Test
    void theCrossTenantListAnswersIdsOnly() {
        UUID tenant = UUID.randomUUID();
        episode(tenant, 6);
        List<UUID> tenants = tx.withoutTenant(conn -> conn.query("SELECT * FROM tenants_with_episodes() AS t (id)").execute())
                .map(rows -> Rows.list(rows, r -> r.getUUID("id"))).await().atMost(WAIT);
        assertTrue(tenants.contains(tenant));
        // It is the only door: the counters themselves stay invisible without a tenant.
        long stats = pool.query("SELECT count(*) FROM episode_stats").execute().map(r -> r.iterator().next().getLong(0))
                .await().atMost(WAIT);
        assertEquals(0, stats);
    }

    @Override
    protected String schema() {
        return "memory";
    }

    @Override
    protected int tableCount() {
        return 9; // episodes has 16 hash partitions besides, checked for forced RLS but not counted
    }
}
