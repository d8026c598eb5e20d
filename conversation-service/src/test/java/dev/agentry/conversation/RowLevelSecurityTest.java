package dev.agentry.conversation;

import static dev.agentry.conversation.ConversationTestSupport.create;
import static dev.agentry.conversation.ConversationTestSupport.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.db.Rows;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.SchemaSecurityContract;
import dev.agentry.common.testing.TestTokens;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.RedisDataSource;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The database itself keeps tenants apart, whatever the SQL forgets. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RowLevelSecurityTest extends SchemaSecurityContract {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    TenantTransactions tx;

    @Inject
    @RedisClientName("persist")
    RedisDataSource redis;

    private final List<UUID> tenants = new java.util.ArrayList<>();

    @AfterEach
    void cleanRedis() {
        tenants.forEach(t -> ConversationTestSupport.cleanRedis(redis, t));
    }

    @Test
    void aQueryWithoutTenantFilterSeesOnlyTheBoundTenant() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        tenants.addAll(List.of(a, b));
        for (UUID t : List.of(a, b)) {
            String token = TestTokens.forTenant(t, Roles.AGENT_RUNTIME);
            UUID session = create(token, newSession(UUID.randomUUID(), "web", "rls"));
            ConversationTestSupport.as(token).body(Map.of("role", "user", "content", "hi"))
                    .post("/v1/sessions/" + session + "/messages").then().statusCode(201);
        }
        for (String table : ConversationTestSupport.TABLES) {
            // Deliberately no WHERE tenant_id = ...: RLS must filter.
            Set<UUID> seen = tx.inTenant(a, conn -> conn.query("SELECT DISTINCT tenant_id FROM " + table).execute())
                    .map(rows -> Rows.list(rows, r -> r.getUUID(0)).stream().collect(Collectors.toSet()))
                    .await().atMost(WAIT);
            assertTrue(seen.isEmpty() || seen.equals(Set.of(a)), table + ": " + seen);
        }
        long unbound = pool.query("SELECT count(*) FROM sessions").execute()
                .map(r -> r.iterator().next().getLong(0)).await().atMost(WAIT);
        assertEquals(0, unbound);
    }

    @Test
    void writingIntoAnotherTenantIsRefusedByThePolicy() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Throwable failure = tx.inTenant(a, conn -> conn.preparedQuery("INSERT INTO sessions (id, tenant_id, agent_id, channel, "
                + "user_channel_id, thread_id) VALUES ($1, $2, $3, 'web', 'x', 't')")
                .execute(Tuple.of(UUID.randomUUID(), b, UUID.randomUUID())))
                .onItem().transform(r -> (Throwable) null).onFailure().recoverWithItem(e -> e).await().atMost(WAIT);
        assertTrue(failure != null && failure.getMessage().contains("row-level security"), String.valueOf(failure));
    }

    @Test
    void monthlyPartitionsOfMessagesAreMadeAheadWithForcedRowLevelSecurity() {
        long partitions = pool.query("SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'messages' AND c.relname ~ '^messages_y[0-9]{4}m[0-9]{2}$' "
                + "AND c.relrowsecurity AND c.relforcerowsecurity AND c.relname >= 'messages_y' || to_char(now(), 'YYYY') || 'm' || to_char(now(), 'MM')")
                .execute().map(r -> r.iterator().next().getLong(0)).await().atMost(WAIT);
        assertTrue(partitions >= 4, "this month and three ahead: " + partitions);
    }

    @Override
    protected String schema() {
        return "conversation";
    }

    @Override
    protected int tableCount() {
        return ConversationTestSupport.TABLES.size();
    }
}
