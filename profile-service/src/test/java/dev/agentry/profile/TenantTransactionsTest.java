package dev.agentry.profile;

import static dev.agentry.profile.ProfileTestSupport.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.testing.AgentryTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What common's {@link TenantTransactions} must keep while it pipelines BEGIN, the tenant binding
 * and the work's first statement on one connection: the work runs inside the
 * transaction with its tenant bound from its first statement, a failure rolls everything back, and
 * no connection goes back to the pool with a transaction or a tenant left on it, also when the
 * caller cancels.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TenantTransactionsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PROFILE = "INSERT INTO customer_profiles (id, tenant_id) VALUES ($1, $2)";

    @Inject
    TenantTransactions tx;

    @Inject
    Pool pool;

    @Test
    void theFirstStatementAlreadyRunsInTheTransactionWithItsTenant() {
        UUID tenant = newTenant();
        Row row = tx.inTenant(tenant, conn -> conn.query("SELECT current_setting('app.tenant_id', true), txid_current()").execute()
                .flatMap(first -> conn.query("SELECT txid_current()").execute()
                        .map(second -> List.of(first.iterator().next(), second.iterator().next()))))
                .map(rows -> {
                    assertEquals(rows.get(0).getLong(1), rows.get(1).getLong(0), "one transaction for both statements");
                    return rows.get(0);
                })
                .await().atMost(WAIT);
        assertEquals(tenant.toString(), row.getString(0));
    }

    @Test
    void aFailureAfterAWriteRollsTheWriteBack() {
        UUID tenant = newTenant();
        UUID id = UUID.randomUUID();
        Throwable failure = tx.inTenant(tenant, conn -> conn.preparedQuery(PROFILE).execute(Tuple.of(id, tenant))
                .flatMap(written -> conn.query("SELECT 1 / 0").execute()))
                .onItem().transform(r -> (Throwable) null).onFailure().recoverWithItem(e -> e).await().atMost(WAIT);
        assertNotNull(failure);
        assertTrue(failure.getMessage().contains("division by zero"), failure.getMessage());
        assertEquals(0L, countProfile(tenant, id));
    }

    @Test
    void aFailureThrownBeforeAnyStatementRollsBackAndReportsIt() {
        UUID tenant = newTenant();
        Throwable failure = tx.inTenant(tenant, conn -> {
            throw new IllegalStateException("refused before the first statement");
        }).onItem().transform(r -> (Throwable) null).onFailure().recoverWithItem(e -> e).await().atMost(WAIT);
        assertEquals("refused before the first statement", failure.getMessage());
        assertNoTransactionLeftOpen();
    }

    @Test
    void aCancelledCallerStillEndsItsTransactionAndLeavesNoTenantOnThePool() throws Exception {
        UUID tenant = newTenant();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            Cancellable call = tx.inTenant(tenant, conn -> conn.query("SELECT pg_sleep(0.05)").execute()
                    .flatMap(slept -> conn.preparedQuery(PROFILE).execute(Tuple.of(id, tenant))))
                    .subscribe().with(r -> { }, e -> { });
            call.cancel();
        }
        // The cancelled calls' work still runs and commits, as with Pool.withTransaction.
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (ids.stream().mapToLong(id -> countProfile(tenant, id)).sum() < ids.size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(ids.size(), ids.stream().mapToLong(id -> countProfile(tenant, id)).sum());
        assertNoTransactionLeftOpen();
        // Every pooled connection, used without a transaction, has no tenant bound.
        List<Uni<String>> probes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            probes.add(pool.query("SELECT coalesce(current_setting('app.tenant_id', true), '')").execute()
                    .map(rows -> rows.iterator().next().getString(0)));
        }
        List<String> bound = Uni.join().all(probes).andFailFast().await().atMost(WAIT);
        assertTrue(bound.stream().allMatch(String::isEmpty), bound.toString());
    }

    private long countProfile(UUID tenant, UUID id) {
        return tx.inTenant(tenant, conn -> conn.preparedQuery("SELECT count(*) FROM customer_profiles WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenant, id))).map(rows -> rows.iterator().next().getLong(0)).await().atMost(WAIT);
    }

    private void assertNoTransactionLeftOpen() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long open;
        do {
            open = pool.query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND usename = current_user AND state LIKE 'idle in transaction%'").execute()
                    .map(rows -> rows.iterator().next().getLong(0)).await().atMost(WAIT);
        } while (open > 0 && System.nanoTime() < deadline);
        assertEquals(0, open, "connections idle in a transaction");
    }
}
