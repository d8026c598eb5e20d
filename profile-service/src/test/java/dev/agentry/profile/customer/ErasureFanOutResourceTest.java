package dev.agentry.profile.customer;

import static dev.agentry.profile.ProfileTestSupport.admin;
import static dev.agentry.profile.ProfileTestSupport.as;
import static dev.agentry.profile.ProfileTestSupport.auditor;
import static dev.agentry.profile.ProfileTestSupport.resolve;
import static dev.agentry.profile.ProfileTestSupport.runtime;
import static dev.agentry.profile.ProfileTestSupport.viewer;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.events.DomainEvent;
import dev.agentry.common.events.DomainEventPublisher;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import dev.agentry.profile.erasure.ErasureAnnouncer;
import dev.agentry.profile.erasure.ErasureReceiptFollower;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An erasure reaches the other stores (issue 17 item 7): recorded with the erasure, announced on the
 * event stream ({@code profile.erased}), each store's receipt ({@code erasure.receipt}) kept and
 * shown, complete when all expected stores answered; announced again while a store stays silent.
 * The stores' side (memory-, audit-, conversation-service) is tested in each of them, and all of
 * it together, one store stopped, in contract-tests.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ErasureFanOutResourceTest extends TwoTenantTest {

    @Inject
    RedisDataSource redis;

    @Inject
    DomainEventPublisher events;

    @Inject
    ErasureReceiptFollower receipts;

    @Inject
    ErasureAnnouncer announcer;

    @Override
    protected String schema() {
        return "profile";
    }

    private String erase(UUID tenant, String profile) {
        return as(admin(tenant)).delete("/v1/profiles/" + profile).then().statusCode(200)
                .body("erasure_id", notNullValue()).extract().path("erasure_id");
    }

    private void receipt(UUID tenant, String erasureId, String store, Map<String, Object> touched) {
        events.publish(DomainEvent.of(DomainEvent.ERASURE_RECEIPT, tenant, Map.of("erasure_id", erasureId, "store", store,
                "touched", new JsonObject(touched).encode(), "completed_at", Instant.now().toString())))
                .await().atMost(Duration.ofSeconds(5));
        while (receipts.pollOnce().await().atMost(Duration.ofSeconds(10)) > 0) {
            // drain: the group may hold other tests' entries
        }
    }

    private List<JsonObject> announcements(String erasureId) {
        return redis.stream(String.class).xrange("agentry-test:events", StreamRange.of("-", "+")).stream()
                .map(m -> m.payload()).filter(f -> DomainEvent.PROFILE_ERASED.equals(f.get("type")))
                .map(f -> new JsonObject(f.get("data"))).filter(d -> erasureId.equals(d.getString("erasure_id"))).toList();
    }

    @Test
    void anErasureIsAnnouncedAndCompleteWhenEveryStoreHasAnswered() {
        String a = resolve(tenantA, "web", "fan-out-a");
        String b = resolve(tenantA, "zalo", "fan-out-b");
        as(runtime(tenantA)).body(Map.of("duplicate_id", b)).post("/v1/profiles/" + a + "/merge").then().statusCode(200);
        String erasure = erase(tenantA, a);

        // Announced once, naming both profiles of the person.
        List<JsonObject> announced = announcements(erasure);
        assertEquals(1, announced.size());
        assertEquals(2, announced.get(0).getString("profile_ids").split(",").length);

        as(auditor(tenantA)).get("/v1/profiles/erasures/" + erasure).then().statusCode(200)
                .body("id", equalTo(erasure)).body("requested_profile_id", equalTo(a))
                .body("erased_profile_ids", containsInAnyOrder(a, b)).body("profile.identities", equalTo(2))
                .body("status", equalTo("pending")).body("announce_count", equalTo(1))
                .body("stores.store", equalTo(List.of("memory", "audit", "conversation")))
                .body("stores.status", equalTo(List.of("pending", "pending", "pending")));

        receipt(tenantA, erasure, "memory", Map.of("episodes", 3, "entities", 1));
        receipt(tenantA, erasure, "audit", Map.of("turn_records", 2));
        receipt(tenantA, erasure, "audit", Map.of("turn_records", 0)); // a redelivery: the first receipt stands
        as(admin(tenantA)).get("/v1/profiles/erasures/" + erasure).then().statusCode(200)
                .body("status", equalTo("pending")).body("completed_at", nullValue())
                .body("stores.status", equalTo(List.of("done", "done", "pending")))
                .body("stores[0].touched.episodes", equalTo(3)).body("stores[1].touched.turn_records", equalTo(2));

        receipt(tenantA, erasure, "conversation", Map.of("sessions", 1, "messages", 4));
        as(admin(tenantA)).get("/v1/profiles/erasures/" + erasure).then().statusCode(200)
                .body("status", equalTo("complete")).body("completed_at", notNullValue())
                .body("stores.status", equalTo(List.of("done", "done", "done")));
        as(admin(tenantA)).get("/v1/profiles/erasures?limit=200").then().statusCode(200)
                .body("items.find { it.id == '" + erasure + "' }.status", equalTo("complete"));
    }

    @Test
    void anErasureStillOpenIsAnnouncedAgainAndACompleteOneIsNot() {
        String open = erase(tenantA, resolve(tenantA, "web", "reannounce-open"));
        String done = erase(tenantA, resolve(tenantA, "web", "reannounce-done"));
        for (String store : List.of("memory", "audit", "conversation")) {
            receipt(tenantA, done, store, Map.of());
        }
        int again = announcer.reannounceDue(Instant.now().plusSeconds(1)).await().atMost(Duration.ofSeconds(10));
        assertTrue(again >= 1, "re-announced: " + again);
        assertEquals(2, announcements(open).size());
        assertEquals(1, announcements(done).size());
        as(admin(tenantA)).get("/v1/profiles/erasures/" + open).then().statusCode(200).body("announce_count", equalTo(2));
        // Announced just now: not due again yet.
        announcer.reannounceDue(Instant.now().minusSeconds(60)).await().atMost(Duration.ofSeconds(10));
        assertEquals(2, announcements(open).size());
    }

    @Test
    void anotherTenantNeitherSeesAnErasureNorCompletesItWithAReceipt() {
        String erasure = erase(tenantA, resolve(tenantA, "web", "isolated-erasure"));
        as(admin(tenantB)).get("/v1/profiles/erasures/" + erasure).then().statusCode(404)
                .contentType("application/problem+json");
        as(admin(tenantB)).get("/v1/profiles/erasures?limit=200").then().statusCode(200)
                .body("items.findAll { it.id == '" + erasure + "' }", hasSize(0));
        // A receipt in tenant B's name for tenant A's erasure is not kept.
        receipt(tenantB, erasure, "memory", Map.of("episodes", 9));
        as(admin(tenantA)).get("/v1/profiles/erasures/" + erasure).then().statusCode(200)
                .body("stores[0].status", equalTo("pending"));
    }

    @Test
    void onlyAdministratorsAndAuditorsReadErasuresAndBadIdsAreProblems() {
        String erasure = erase(tenantA, resolve(tenantA, "web", "roles-erasure"));
        as(viewer(tenantA)).get("/v1/profiles/erasures/" + erasure).then().statusCode(403);
        as(runtime(tenantA)).get("/v1/profiles/erasures").then().statusCode(403);
        as(admin(tenantA)).get("/v1/profiles/erasures/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
        as(admin(tenantA)).get("/v1/profiles/erasures/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        as(admin(tenantA)).get("/v1/profiles/erasures?limit=0").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
