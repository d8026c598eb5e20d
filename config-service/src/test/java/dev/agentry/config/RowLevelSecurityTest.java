package dev.agentry.config;

import static dev.agentry.config.ConfigTestSupport.as;
import static dev.agentry.config.ConfigTestSupport.createTenant;
import static dev.agentry.config.ConfigTestSupport.tenantAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.db.Rows;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.SchemaSecurityContract;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The database itself keeps tenants apart, whatever the SQL forgets. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RowLevelSecurityTest extends SchemaSecurityContract {

    @Inject
    TenantTransactions tx;

    @Test
    void aQueryWithoutTenantFilterSeesOnlyTheBoundTenant() {
        UUID a = createTenant("rls-a");
        UUID b = createTenant("rls-b");
        for (UUID t : List.of(a, b)) {
            as(tenantAdmin(t)).body(Map.of("email", "u-" + t + "@example.com", "password", "correct horse battery"))
                    .post("/v1/users").then().statusCode(201);
            as(tenantAdmin(t)).body(Map.of("name", "k", "scopes", List.of("viewer"))).post("/v1/api-keys").then().statusCode(201);
        }
        // Deliberately no WHERE tenant_id = ...: RLS must filter.
        Set<UUID> userTenants = tx.inTenant(a, conn -> conn.query("SELECT tenant_id FROM users").execute())
                .map(rows -> Rows.list(rows, r -> r.getUUID("tenant_id")).stream().collect(Collectors.toSet()))
                .await().atMost(Duration.ofSeconds(10));
        assertEquals(Set.of(a), userTenants);
        Set<UUID> keyTenants = tx.inTenant(a, conn -> conn.query("SELECT tenant_id FROM api_keys").execute())
                .map(rows -> Rows.list(rows, r -> r.getUUID("tenant_id")).stream().collect(Collectors.toSet()))
                .await().atMost(Duration.ofSeconds(10));
        assertEquals(Set.of(a), keyTenants);
        Set<UUID> tenants = tx.inTenant(a, conn -> conn.query("SELECT id FROM tenants").execute())
                .map(rows -> Rows.list(rows, r -> r.getUUID("id")).stream().collect(Collectors.toSet()))
                .await().atMost(Duration.ofSeconds(10));
        assertEquals(Set.of(a), tenants);
    }

    @Test
    void withoutATenantEveryTenantTableLooksEmpty() {
        createTenant("rls-none");
        long users = pool.query("SELECT count(*) FROM users").execute().map(r -> r.iterator().next().getLong(0))
                .await().atMost(Duration.ofSeconds(10));
        long tenants = pool.query("SELECT count(*) FROM tenants").execute().map(r -> r.iterator().next().getLong(0))
                .await().atMost(Duration.ofSeconds(10));
        assertEquals(0, users);
        assertEquals(0, tenants);
    }

    @Test
    void writingIntoAnotherTenantIsRefusedByThePolicy() {
        UUID a = createTenant("rls-w-a");
        UUID b = createTenant("rls-w-b");
        Throwable failure = tx.inTenant(a, conn -> conn.preparedQuery("INSERT INTO users (id, tenant_id, email, password_hash) "
                + "VALUES ($1, $2, 'x@example.com', 'h')").execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.randomUUID(), b)))
                .onItem().transform(r -> (Throwable) null).onFailure().recoverWithItem(e -> e)
                .await().atMost(Duration.ofSeconds(10));
        assertTrue(failure != null && failure.getMessage().contains("row-level security"), String.valueOf(failure));
    }

    @Override
    protected String schema() {
        return "config";
    }

    @Override
    protected int tableCount() {
        return 21;
    }
}
