package dev.agentry.audit.stream;

import static dev.agentry.audit.AuditTestSupport.as;
import static dev.agentry.audit.AuditTestSupport.auditor;
import static dev.agentry.audit.AuditTestSupport.count;
import static dev.agentry.audit.AuditTestSupport.log;
import static dev.agentry.audit.AuditTestSupport.ownerQuery;
import static dev.agentry.audit.AuditTestSupport.turn;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.audit.AuditKind;
import dev.agentry.common.audit.AuditPublisher;
import dev.agentry.common.audit.AuditRecord;
import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stream path end to end: records published with common's AuditPublisher are stored once,
 * survive a consumer that dies mid-batch and one that is stopped, and a poison record ends in its
 * tenant's dead-letter stream (visible to that tenant only) while the rest flows.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class StreamConsumerResourceTest extends TwoTenantTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AuditPublisher publisher;

    @Inject
    StreamConsumer consumer;

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "agentry.audit-stream.key")
    String streamKey;

    @ConfigProperty(name = "agentry.audit.group")
    String group;

    @ConfigProperty(name = "agentry.audit.dead-letter-prefix")
    String deadPrefix;

    @Override
    protected String schema() {
        return "audit";
    }

    @BeforeEach
    void freshStream() {
        consumer.stop().await().atMost(WAIT);
        List<String> keys = new ArrayList<>(redis.key().keys(deadPrefix + ":*"));
        keys.add(streamKey);
        redis.key().del(keys.toArray(String[]::new));
        consumer.start().await().atMost(WAIT);
    }

    private long pending() {
        return redis.stream(String.class).xpending(streamKey, group).getPendingCount();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private List<AuditRecord> records(UUID tenant, int n) {
        List<AuditRecord> out = new ArrayList<>(n);
        UUID session = UUID.randomUUID();
        for (int i = 0; i < n; i++) {
            out.add(i % 5 == 0
                    ? AuditRecord.of(AuditKind.AUDIT_LOG, tenant, log("user:" + i, "agent.updated", "agent", "a" + i))
                    : AuditRecord.of(AuditKind.TURN_RECORD, tenant, turn(session, i, "message " + i)));
        }
        return out;
    }

    private void publish(List<AuditRecord> records) {
        publisher.publishAll(records).await().atMost(WAIT);
    }

    private static long rows(UUID tenant) {
        return count(tenant, "turn_records") + count(tenant, "audit_logs");
    }

    @Test
    void publishedRecordsAreStoredOnceEvenWhenPublishedTwice() {
        UUID tenant = UUID.randomUUID();
        List<AuditRecord> batch = records(tenant, 50);
        publish(batch);
        publish(batch.subList(0, 10));
        await("50 rows", () -> rows(tenant) == 50);
        await("nothing pending", () -> pending() == 0);
        assertEquals(50, rows(tenant));
        assertEquals(10, count(tenant, "audit_logs"));
        as(auditor(tenant)).get("/v1/audit/verify").then().body("verified", equalTo(true)).body("checked", equalTo(10));
        as(tokenB(Roles.AUDITOR)).get("/v1/audit/logs").then().body("items", hasSize(0));
        // Acknowledged entries are trimmed off the stream (all but the last acknowledged one).
        assertEquals(60, redis.stream(String.class).xlen(streamKey));
        consumer.trim().await().atMost(WAIT);
        assertTrue(redis.stream(String.class).xlen(streamKey) <= 1, "trimmed");
    }

    @Test
    void aPoisonRecordIsDeadLetteredAfterItsAttemptsAndTheRestFlows() {
        UUID owner = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        // Passes the service's checks but PostgreSQL's inet refuses it: fails at every attempt.
        Map<String, Object> poisonData = new HashMap<>(log("user:p", "agent.created", "agent", "x"));
        poisonData.put("ip_address", "999.999.999.999");
        AuditRecord poison = AuditRecord.of(AuditKind.AUDIT_LOG, owner, poisonData);
        publish(List.of(poison));
        publish(records(owner, 20));
        // Unreadable entries: dead-lettered at once, to the tenant's stream when its tenant is readable.
        Map<String, String> badKind = new HashMap<>(AuditRecord.of(AuditKind.AUDIT_EVENT, owner, Map.of()).toFields());
        badKind.put("kind", "nonsense");
        redis.stream(String.class).xadd(streamKey, badKind);
        redis.stream(String.class).xadd(streamKey, Map.of("garbage", "yes"));
        publish(records(tenant, 5));

        await("the good records", () -> rows(owner) == 20 && rows(tenant) == 5);
        await("the poison dead-lettered", () -> redis.stream(String.class).xlen(deadPrefix + ":" + owner) == 2);
        await("nothing pending", () -> pending() == 0);
        assertEquals(1, redis.stream(String.class).xlen(deadPrefix + ":unknown"));

        as(auditor(owner)).get("/v1/audit/dead-letters").then().statusCode(200).body("items", hasSize(2))
                .body("items.source_entry_id", hasItem(org.hamcrest.Matchers.notNullValue()))
                .body("items.find { it.attempts == 3 }.entry.id", equalTo(poison.id().toString()))
                .body("items.find { it.attempts == 3 }.error", org.hamcrest.Matchers.containsString("inet"))
                .body("items.find { it.attempts == 1 }.error", org.hamcrest.Matchers.containsString("kind"));
        as(auditor(owner)).queryParam("limit", 1).get("/v1/audit/dead-letters").then().body("items", hasSize(1))
                .body("next_cursor", org.hamcrest.Matchers.notNullValue());
        as(tokenB(Roles.AUDITOR)).get("/v1/audit/dead-letters").then().statusCode(200).body("items", hasSize(0));
        as(dev.agentry.audit.AuditTestSupport.runtime(owner)).get("/v1/audit/dead-letters").then().statusCode(403);
        as(auditor(owner)).queryParam("cursor", "zz").get("/v1/audit/dead-letters").then().statusCode(400);
    }

    /**
     * The loss test, scaled for CI (bench/audit holds the 100,000-record run with kill -9): 5,000
     * records; the consumer dies holding a batch it never acknowledges, stays down while more is
     * published, and comes back as a new consumer that reclaims the dead one's entries.
     */
    @Test
    void nothingIsLostWhenTheConsumerDiesMidBatchAndIsDownForAWhile() {
        UUID[] tenants = { UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID() };
        List<AuditRecord> all = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            UUID tenant = tenants[i % 3];
            all.add(i % 5 == 0
                    ? AuditRecord.of(AuditKind.AUDIT_LOG, tenant, log("user:" + i, "rule.updated", "rule", "r" + i))
                    : AuditRecord.of(AuditKind.TURN_RECORD, tenant, turn(tenant, i, "m" + i)));
        }
        publish(all.subList(0, 1500));
        consumer.abandonNextBatch();
        publish(all.subList(1500, 3000));
        await("the consumer to die mid-batch", () -> !consumer.isRunning());
        consumer.stop().await().atMost(WAIT);
        long pendingAtDeath = pending();
        assertTrue(pendingAtDeath > 0, "the dead consumer holds unacknowledged entries");
        publish(all.subList(3000, 4000));
        // Trimming now must keep every pending and every undelivered entry.
        long before = redis.stream(String.class).xlen(streamKey);
        consumer.trim().await().atMost(WAIT);
        assertTrue(redis.stream(String.class).xlen(streamKey) >= pendingAtDeath + 1000,
                "kept the pending and the undelivered entries (" + before + " before trimming)");
        assertFalse(consumer.isRunning());

        consumer.start().await().atMost(WAIT);
        publish(all.subList(4000, 5000));
        await("5,000 rows", () -> total(tenants) >= 5000);
        await("nothing pending", () -> pending() == 0);
        assertEquals(5000, total(tenants));
        for (UUID tenant : tenants) {
            assertEquals(count(tenant, "turn_records"),
                    ownerQuery(tenant, "SELECT count(DISTINCT id) FROM audit.turn_records"));
            as(auditor(tenant)).get("/v1/audit/verify").then()
                    .body("verified", equalTo(true)).body("checked", equalTo((int) count(tenant, "audit_logs")));
        }
    }

    private static long total(UUID[] tenants) {
        long n = 0;
        for (UUID t : tenants) {
            n += rows(t);
        }
        return n;
    }
}
