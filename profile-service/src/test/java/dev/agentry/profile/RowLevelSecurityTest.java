package dev.agentry.profile;

import static dev.agentry.profile.ProfileTestSupport.body;
import static dev.agentry.profile.ProfileTestSupport.create;
import static dev.agentry.profile.ProfileTestSupport.field;
import static dev.agentry.profile.ProfileTestSupport.identity;
import static dev.agentry.profile.ProfileTestSupport.newTenant;
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
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The database itself keeps tenants apart, whatever the SQL forgets. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RowLevelSecurityTest extends SchemaSecurityContract {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    TenantTransactions tx;

    @Test
    void aQueryWithoutTenantFilterSeesOnlyTheBoundTenant() {
        UUID a = newTenant();
        UUID b = newTenant();
        for (UUID t : List.of(a, b)) {
            create(t, body("identities", List.of(identity("web", "rls")), "fields",
                    List.of(field("name", "x", "system", 1, false))));
        }
        for (String table : java.util.stream.Stream.concat(ProfileTestSupport.TABLES.stream(),
                ProfileTestSupport.ERASURE_TABLES.stream()).toList()) {
            // Deliberately no WHERE tenant_id = ...: RLS must filter.
            Set<UUID> tenants = tx.inTenant(a, conn -> conn.query("SELECT DISTINCT tenant_id FROM " + table).execute())
                    .map(rows -> Rows.list(rows, r -> r.getUUID(0)).stream().collect(Collectors.toSet()))
                    .await().atMost(WAIT);
            assertTrue(tenants.isEmpty() || tenants.equals(Set.of(a)), table + ": " + tenants);
        }
        long unbound = pool.query("SELECT count(*) FROM customer_profiles").execute()
                .map(r -> r.iterator().next().getLong(0)).await().atMost(WAIT);
        assertEquals(0, unbound);
    }

    @Test
    void writingIntoAnotherTenantIsRefusedByThePolicy() {
        UUID a = newTenant();
        UUID b = newTenant();
        Throwable failure = tx.inTenant(a, conn -> conn.preparedQuery("INSERT INTO customer_profiles (id, tenant_id) VALUES ($1, $2)")
                .execute(Tuple.of(UUID.randomUUID(), b)))
                .onItem().transform(r -> (Throwable) null).onFailure().recoverWithItem(e -> e).await().atMost(WAIT);
        assertTrue(failure != null && failure.getMessage().contains("row-level security"), String.valueOf(failure));
    }

    @Test
    void aChildRowCannotPointAtAnotherTenantsProfile() {
        UUID a = newTenant();
        UUID b = newTenant();
        UUID foreign = UUID.fromString(create(b, body()));
        // Bound as a, writing a's row that references b's profile: the composite foreign key refuses
        // it even though foreign key checks do not see row-level security.
        Throwable failure = tx.inTenant(a, conn -> conn.preparedQuery("INSERT INTO channel_identities "
                + "(id, tenant_id, profile_id, channel, channel_user_id) VALUES ($1, $2, $3, 'web', 'fk')")
                .execute(Tuple.of(UUID.randomUUID(), a, foreign)))
                .onItem().transform(r -> (Throwable) null).onFailure().recoverWithItem(e -> e).await().atMost(WAIT);
        assertTrue(failure != null && failure.getMessage().contains("fk_identities_profile"), String.valueOf(failure));
    }

    @Override
    protected String schema() {
        return "profile";
    }

    @Override
    protected int tableCount() {
        return ProfileTestSupport.TABLES.size() + ProfileTestSupport.ERASURE_TABLES.size();
    }
}
