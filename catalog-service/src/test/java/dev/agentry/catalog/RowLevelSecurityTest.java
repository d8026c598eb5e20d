package dev.agentry.catalog;

import static dev.agentry.catalog.CatalogTestSupport.domain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.SchemaSecurityContract;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The database itself keeps tenants apart and the blueprint read-only for tenants, whatever the SQL forgets. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RowLevelSecurityTest extends SchemaSecurityContract {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    TenantTransactions tx;

    @Test
    void aTenantCannotWriteTheGlobalBlueprint() {
        UUID a = UUID.randomUUID();
        Throwable failure = tx.inTenant(a, conn -> conn.preparedQuery("INSERT INTO knowledge_domain (id, code, name) "
                + "VALUES ($1, 'rls_probe', 'x')").execute(Tuple.of(UUID.randomUUID())))
                .onItem().transform(r -> (Throwable) null).onFailure().recoverWithItem(e -> e).await().atMost(WAIT);
        assertTrue(failure != null && failure.getMessage().contains("row-level security"), String.valueOf(failure));
        Throwable global = tx.inTenant(a, conn -> conn.preparedQuery("INSERT INTO domain_attribute_definition "
                + "(id, tenant_id, key, value_type) VALUES ($1, NULL, 'rls_probe', 'text')").execute(Tuple.of(UUID.randomUUID())))
                .onItem().transform(r -> (Throwable) null).onFailure().recoverWithItem(e -> e).await().atMost(WAIT);
        assertTrue(global != null && global.getMessage().contains("row-level security"), String.valueOf(global));
    }

    @Test
    void tenantRowsAreInvisibleToOtherTenantsAndWithoutTenant() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        domain(a, "rls_" + Long.toHexString(System.nanoTime()), "RLS");
        tx.inTenant(a, conn -> conn.preparedQuery("INSERT INTO tenant_sales_channel (id, tenant_id, code) VALUES ($1, $2, 'web')")
                .execute(Tuple.of(UUID.randomUUID(), a))).await().atMost(WAIT);
        long seenByB = tx.inTenant(b, conn -> conn.query("SELECT count(*) FROM tenant_sales_channel").execute())
                .map(r -> r.iterator().next().getLong(0)).await().atMost(WAIT);
        assertEquals(0, seenByB);
        long unbound = pool.query("SELECT count(*) FROM tenant_sales_channel").execute()
                .map(r -> r.iterator().next().getLong(0)).await().atMost(WAIT);
        assertEquals(0, unbound);
        // Writing a row for another tenant is refused by the policy.
        Throwable failure = tx.inTenant(a, conn -> conn.preparedQuery("INSERT INTO tenant_sales_channel (id, tenant_id, code) "
                + "VALUES ($1, $2, 'zalo_oa')").execute(Tuple.of(UUID.randomUUID(), b)))
                .onItem().transform(r -> (Throwable) null).onFailure().recoverWithItem(e -> e).await().atMost(WAIT);
        assertTrue(failure != null && failure.getMessage().contains("row-level security"), String.valueOf(failure));
    }

    @Override
    protected String schema() {
        return "catalog";
    }

    @Override
    protected int tableCount() {
        return CatalogTestSupport.TABLES.size();
    }
}
