package dev.agentry.profile;

import static dev.agentry.profile.ProfileTestSupport.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.channel.ChannelKey;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.profile.identity.IdentityStore;
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
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What common's {@link TenantTransactions} must keep while it pipelines BEGIN, the tenant binding
 * and the work's first statement on one connection: the work runs inside the
 * transaction with its tenant bound from its first statement, a failure rolls everything back, and
 * no connection goes back to the pool with a transaction or a tenant left on it, also when the
 * caller cancels. The same for profile-service's one self-binding lookup, which runs outside them.
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

    @Inject
    IdentityStore identities;

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

    @Test
    void theSelfBindingLookupBindsItsTenantForItsStatementOnly() {
        UUID tenant = newTenant();
        UUID other = newTenant();
        ChannelKey key = ChannelKey.of("web", "self-bound-" + UUID.randomUUID());
        UUID identity = UUID.randomUUID();
        UUID profile = UUID.randomUUID();
        tx.inTenant(tenant, conn -> identities.insertWithNewProfile(conn, tenant, identity, profile, key, false)).await().atMost(WAIT);

        record Seen(Optional<IdentityStore.Match> own, Optional<IdentityStore.Match> foreign, String bound, long visible,
                boolean noTransaction) {
        }
        Seen seen = pool.withConnection(conn -> identities.findInTenant(conn, tenant, key)
                .flatMap(own -> identities.findInTenant(conn, other, key)
                        .flatMap(foreign -> conn.query("SELECT coalesce(current_setting('app.tenant_id', true), ''), "
                                + "(SELECT count(*) FROM channel_identities), transaction_timestamp() = statement_timestamp()").execute()
                                .map(rows -> {
                                    Row after = rows.iterator().next();
                                    return new Seen(own, foreign, after.getString(0), after.getLong(1), after.getBoolean(2));
                                }))))
                .await().atMost(WAIT);

        assertEquals(identity, seen.own().orElseThrow().identity().id());
        assertEquals(profile, seen.own().orElseThrow().profile().id());
        assertEquals(Optional.empty(), seen.foreign(), "another tenant's lookup of the same key");
        assertEquals("", seen.bound(), "no tenant left bound on the connection");
        assertEquals(0L, seen.visible(), "no rows visible after the lookup");
        assertTrue(seen.noTransaction(), "no transaction left open on the connection");
        assertNoTransactionLeftOpen();
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
