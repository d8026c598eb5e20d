package dev.agentry.profile.merge;

import static dev.agentry.profile.ProfileTestSupport.admin;
import static dev.agentry.profile.ProfileTestSupport.as;
import static dev.agentry.profile.ProfileTestSupport.body;
import static dev.agentry.profile.ProfileTestSupport.create;
import static dev.agentry.profile.ProfileTestSupport.field;
import static dev.agentry.profile.ProfileTestSupport.grown;
import static dev.agentry.profile.ProfileTestSupport.identity;
import static dev.agentry.profile.ProfileTestSupport.resolve;
import static dev.agentry.profile.ProfileTestSupport.rowCounts;
import static dev.agentry.profile.ProfileTestSupport.runtime;
import static dev.agentry.profile.ProfileTestSupport.viewer;
import static dev.agentry.profile.ProfileTestSupport.writeFields;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/profiles/{id}/merge}. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MergeResourceTest extends TwoTenantTest {

    @Override
    protected String schema() {
        return "profile";
    }

    private static ValidatableResponse merge(UUID tenant, String survivor, String duplicate) {
        return as(runtime(tenant)).body(Map.of("duplicate_id", duplicate)).post("/v1/profiles/" + survivor + "/merge").then();
    }

    private static String asset(UUID tenant, String profile, String type, String reference) {
        return as(runtime(tenant)).body(body("asset_type", type, "asset_reference", reference))
                .post("/v1/profiles/" + profile + "/assets").then().statusCode(201).extract().path("id");
    }

    /** The person who wrote on web chat and on Zalo turns out to be the one who e-mailed. */
    @Test
    void mergeMovesEverythingAndEveryOldHandleAnswersWithTheSurvivor() {
        UUID tenant = tenantA;
        Map<String, Long> before = rowCounts(tenant);
        String a = resolve(tenant, "web", "cookie-a");
        writeFields(tenant, a, List.of(field("full_name", "Tran Thi B", "user_provided", 1, false)));
        String orderA = asset(tenant, a, "order", "SO-1");
        String b = create(tenant, body("external_id", "crm-b", "identities", List.of(identity("zalo", "z-b"),
                identity("email", "b@example.com")), "fields", List.of(field("phone", "0901", "extracted", 0.8, false))));
        writeFields(tenant, b, List.of(field("phone", "0902", "extracted", 0.9, false)));
        String imageB = asset(tenant, b, "image", "s3://bucket/b.jpg");

        merge(tenant, a, b).statusCode(200).body("survivor_id", equalTo(a)).body("duplicate_id", equalTo(b))
                .body("already_merged", equalTo(false)).body("identities_moved", equalTo(2))
                .body("field_values_moved", equalTo(2)).body("assets_moved", equalTo(1))
                .body("profile.id", equalTo(a)).body("profile.external_id", equalTo("crm-b"))
                .body("profile.identities", hasSize(3)).body("profile.merged_from", equalTo(List.of(b)))
                .body("profile.fields.phone.value", equalTo("0902")).body("profile.fields.full_name.value", equalTo("Tran Thi B"));

        // The old id answers with the survivor, on every endpoint that takes a profile id.
        as(viewer(tenant)).get("/v1/profiles/" + b).then().statusCode(200).body("id", equalTo(a))
                .body("resolved_from", equalTo(b));
        as(viewer(tenant)).get("/v1/profiles/" + b + "/assets").then().statusCode(200)
                .body("items.id", containsInAnyOrder(orderA, imageB));
        as(viewer(tenant)).get("/v1/profiles/" + b + "/identities").then().statusCode(200).body("items", hasSize(3));
        as(viewer(tenant)).get("/v1/profiles/" + a + "/fields/phone/history").then().statusCode(200)
                .body("items.value", equalTo(List.of("0902", "0901")));
        // Its identities and its external id too.
        assertEquals(a, resolve(tenant, "zalo", "z-b"));
        assertEquals(a, resolve(tenant, "email", "B@example.com"));
        as(viewer(tenant)).queryParam("external_id", "crm-b").get("/v1/profiles").then().body("items.id", equalTo(List.of(a)));
        as(viewer(tenant)).queryParam("field", "phone").queryParam("value", "0902").get("/v1/profiles").then()
                .body("items.id", equalTo(List.of(a)));
        // Writes through the old id land on the survivor; the tombstone is not listed.
        writeFields(tenant, b, List.of(field("city", "Da Nang", "user_provided", 1, false)));
        as(viewer(tenant)).get("/v1/profiles/" + a).then().body("fields.city.value", equalTo("Da Nang"));
        as(viewer(tenant)).get("/v1/profiles").then().body("items.id", hasItem(a)).body("items.id", not(hasItem(b)));
        assertEquals(grown(before, 2, 3, 4, 2), rowCounts(tenant));
    }

    @Test
    void mergingAgainIsIdempotent() {
        UUID tenant = tenantA;
        String a = resolve(tenant, "web", "1");
        String b = resolve(tenant, "zalo", "1");
        merge(tenant, a, b).statusCode(200).body("already_merged", equalTo(false)).body("identities_moved", equalTo(1));
        Map<String, Long> after = rowCounts(tenant);
        merge(tenant, a, b).statusCode(200).body("already_merged", equalTo(true)).body("identities_moved", equalTo(0))
                .body("survivor_id", equalTo(a)).body("profile.identities", hasSize(2));
        assertEquals(after, rowCounts(tenant));
    }

    /** conversation-service hears of every merge through the event stream (repeats included: they make a lost one good). */
    @Test
    void aMergeIsAnnouncedOnTheEventStream() {
        UUID tenant = tenantA;
        String a = resolve(tenant, "web", "announced-a");
        String b = resolve(tenant, "zalo", "announced-b");
        merge(tenant, a, b).statusCode(200);
        merge(tenant, a, b).statusCode(200).body("already_merged", equalTo(true));
        var entries = redis.stream(String.class).xrange("agentry-test:events", io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"))
                .stream().map(m -> m.payload())
                .filter(f -> "profile.merged".equals(f.get("type")) && tenant.toString().equals(f.get("tenant_id")))
                .map(f -> new io.vertx.core.json.JsonObject(f.get("data")))
                .filter(d -> b.equals(d.getString("from_profile_id")))
                .toList();
        assertEquals(2, entries.size(), entries.toString());
        assertEquals(a, entries.get(0).getString("to_profile_id"));
    }

    @jakarta.inject.Inject
    io.quarkus.redis.datasource.RedisDataSource redis;

    @Test
    void cyclesAndSelfMergesAreRefused() {
        UUID tenant = tenantA;
        String a = resolve(tenant, "web", "c-a");
        String b = resolve(tenant, "zalo", "c-b");
        merge(tenant, a, a).statusCode(409).body("errors[0].field", equalTo("duplicate_id"))
                .contentType("application/problem+json");
        merge(tenant, a, b).statusCode(200);
        Map<String, Long> before = rowCounts(tenant);
        // b now redirects to a: merging a into b would make a -> b -> a.
        merge(tenant, b, a).statusCode(409).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("cycle"));
        assertEquals(before, rowCounts(tenant));
        as(viewer(tenant)).get("/v1/profiles/" + a).then().statusCode(200).body("id", equalTo(a))
                .body("resolved_from", nullValue());
        as(viewer(tenant)).get("/v1/profiles/" + b).then().statusCode(200).body("id", equalTo(a));
    }

    /** A into B and B into A at the same time: one wins, the other is refused as a cycle; one person remains. */
    @Test
    void oppositeMergesAtTheSameTimeLeaveOnePerson() throws Exception {
        UUID tenant = tenantA;
        Map<String, Long> before = rowCounts(tenant);
        String a = resolve(tenant, "web", "race-a");
        String b = resolve(tenant, "web", "race-b");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            var first = pool.submit(() -> {
                start.await();
                return merge(tenant, a, b).extract().statusCode();
            });
            var second = pool.submit(() -> {
                start.await();
                return merge(tenant, b, a).extract().statusCode();
            });
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>(List.of(first.get(30, java.util.concurrent.TimeUnit.SECONDS),
                    second.get(30, java.util.concurrent.TimeUnit.SECONDS)));
            java.util.Collections.sort(statuses);
            assertEquals(List.of(200, 409), statuses);
        } finally {
            pool.shutdownNow();
        }
        List<String> listed = as(viewer(tenant)).get("/v1/profiles").then().extract().path("items.id");
        assertEquals(1, listed.stream().filter(List.of(a, b)::contains).count(), listed.toString());
        String survivor = resolve(tenant, "web", "race-a");
        assertEquals(survivor, resolve(tenant, "web", "race-b"));
        assertEquals(grown(before, 2, 2, 0, 0), rowCounts(tenant));
    }

    @Test
    void aChainOfMergesResolvesToTheLastSurvivor() {
        UUID tenant = tenantA;
        String a = resolve(tenant, "web", "chain-a");
        String b = resolve(tenant, "web", "chain-b");
        String c = resolve(tenant, "web", "chain-c");
        merge(tenant, b, c).statusCode(200).body("redirects_compressed", equalTo(0));
        merge(tenant, a, b).statusCode(200).body("redirects_compressed", equalTo(1))
                .body("profile.merged_from", containsInAnyOrder(b, c)).body("profile.identities", hasSize(3));
        as(viewer(tenant)).get("/v1/profiles/" + c).then().statusCode(200).body("id", equalTo(a)).body("resolved_from", equalTo(c));
        assertEquals(a, resolve(tenant, "web", "chain-c"));
        // Merging c into a again is a repeat (c already redirects to a), merging a into c a cycle.
        merge(tenant, a, c).statusCode(200).body("already_merged", equalTo(true));
        merge(tenant, c, a).statusCode(409);
        // Merging into a merged id merges into its survivor.
        String d = resolve(tenant, "web", "chain-d");
        merge(tenant, c, d).statusCode(200).body("survivor_id", equalTo(a));
        assertEquals(a, resolve(tenant, "web", "chain-d"));
    }

    @Test
    void theSurvivorKeepsItsExternalIdAndTheTombstoneKeepsRedirectingItsOwn() {
        UUID tenant = tenantA;
        String a = create(tenant, body("external_id", "crm-a"));
        String b = create(tenant, body("external_id", "crm-b2"));
        merge(tenant, a, b).statusCode(200).body("profile.external_id", equalTo("crm-a"));
        as(viewer(tenant)).queryParam("external_id", "crm-b2").get("/v1/profiles").then().body("items.id", equalTo(List.of(a)));
        // Still taken: it names this person.
        as(admin(tenant)).body(body("external_id", "crm-b2")).post("/v1/profiles").then().statusCode(409);
    }

    @Test
    void anotherTenantsProfileIsNoMergeTarget() {
        UUID tenant = tenantA;
        UUID other = tenantB;
        String mine = resolve(tenant, "web", "x-1");
        String theirs = resolve(other, "web", "x-1");
        Map<String, Long> mineBefore = rowCounts(tenant);
        Map<String, Long> theirsBefore = rowCounts(other);
        merge(tenant, mine, theirs).statusCode(404).contentType("application/problem+json");
        merge(tenant, theirs, mine).statusCode(404);
        assertEquals(mineBefore, rowCounts(tenant));
        assertEquals(theirsBefore, rowCounts(other));
        as(viewer(other)).get("/v1/profiles/" + theirs).then().statusCode(200).body("merged_from", hasSize(0));
        merge(tenant, mine, UUID.randomUUID().toString()).statusCode(404);
        as(runtime(tenant)).body(Map.of("duplicate_id", "not-a-uuid")).post("/v1/profiles/" + mine + "/merge").then()
                .statusCode(400).body("errors[0].field", equalTo("duplicate_id"));
        as(runtime(tenant)).body(Map.of()).post("/v1/profiles/" + mine + "/merge").then().statusCode(400)
                .body("errors[0].field", equalTo("duplicate_id"));
        as(viewer(tenant)).body(Map.of("duplicate_id", mine)).post("/v1/profiles/" + mine + "/merge").then().statusCode(403);
    }
}
