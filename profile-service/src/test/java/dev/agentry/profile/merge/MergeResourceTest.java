package dev.agentry.profile.merge;

import static dev.agentry.profile.ProfileTestSupport.admin;
import static dev.agentry.profile.ProfileTestSupport.as;
import static dev.agentry.profile.ProfileTestSupport.auditor;
import static dev.agentry.profile.ProfileTestSupport.body;
import static dev.agentry.profile.ProfileTestSupport.create;
import static dev.agentry.profile.ProfileTestSupport.field;
import static dev.agentry.profile.ProfileTestSupport.identity;
import static dev.agentry.profile.ProfileTestSupport.newTenant;
import static dev.agentry.profile.ProfileTestSupport.resolve;
import static dev.agentry.profile.ProfileTestSupport.rowCounts;
import static dev.agentry.profile.ProfileTestSupport.runtime;
import static dev.agentry.profile.ProfileTestSupport.viewer;
import static dev.agentry.profile.ProfileTestSupport.writeFields;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TestDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MergeAndErasureTest {

    @BeforeAll
    static void clean() {
        TestDatabase.truncate("profile");
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
        UUID tenant = newTenant();
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
        as(viewer(tenant)).get("/v1/profiles").then().body("items.id", equalTo(List.of(a)));
        assertEquals(Map.of("customer_profiles", 2L, "channel_identities", 3L, "profile_fields", 4L, "profile_assets", 2L),
                rowCounts(tenant));
    }

    @Test
    void mergingAgainIsIdempotent() {
        UUID tenant = newTenant();
        String a = resolve(tenant, "web", "1");
        String b = resolve(tenant, "zalo", "1");
        merge(tenant, a, b).statusCode(200).body("already_merged", equalTo(false)).body("identities_moved", equalTo(1));
        Map<String, Long> after = rowCounts(tenant);
        merge(tenant, a, b).statusCode(200).body("already_merged", equalTo(true)).body("identities_moved", equalTo(0))
                .body("survivor_id", equalTo(a)).body("profile.identities", hasSize(2));
        assertEquals(after, rowCounts(tenant));
    }

    @Test
    void cyclesAndSelfMergesAreRefused() {
        UUID tenant = newTenant();
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
        UUID tenant = newTenant();
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
        as(viewer(tenant)).get("/v1/profiles").then().body("items", hasSize(1));
        String survivor = resolve(tenant, "web", "race-a");
        assertEquals(survivor, resolve(tenant, "web", "race-b"));
        assertEquals(Map.of("customer_profiles", 2L, "channel_identities", 2L, "profile_fields", 0L, "profile_assets", 0L),
                rowCounts(tenant));
    }

    @Test
    void aChainOfMergesResolvesToTheLastSurvivor() {
        UUID tenant = newTenant();
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
        UUID tenant = newTenant();
        String a = create(tenant, body("external_id", "crm-a"));
        String b = create(tenant, body("external_id", "crm-b2"));
        merge(tenant, a, b).statusCode(200).body("profile.external_id", equalTo("crm-a"));
        as(viewer(tenant)).queryParam("external_id", "crm-b2").get("/v1/profiles").then().body("items.id", equalTo(List.of(a)));
        // Still taken: it names this person.
        as(admin(tenant)).body(body("external_id", "crm-b2")).post("/v1/profiles").then().statusCode(409);
    }

    @Test
    void anotherTenantsProfileIsNoMergeTarget() {
        UUID tenant = newTenant();
        UUID other = newTenant();
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

    @Test
    void erasureRemovesThePersonAndSaysWhatWentAway() {
        UUID tenant = newTenant();
        String keep = create(tenant, body("identities", List.of(identity("web", "other-person"))));
        String a = create(tenant, body("external_id", "crm-erase", "identities", List.of(identity("zalo", "e-1")),
                "fields", List.of(field("email", "e@example.com", "user_provided", 1, false))));
        writeFields(tenant, a, List.of(field("email", "e2@example.com", "user_provided", 1, false)));
        asset(tenant, a, "document", "s3://bucket/passport.pdf");
        String b = create(tenant, body("identities", List.of(identity("facebook", "e-fb")),
                "fields", List.of(field("phone", "0903", "extracted", 1, false))));
        merge(tenant, a, b).statusCode(200);

        as(admin(tenant)).delete("/v1/profiles/" + a).then().statusCode(200)
                .body("requested_id", equalTo(a)).body("erased_profile_ids", containsInAnyOrder(a, b))
                .body("identities", equalTo(2)).body("field_values", equalTo(3)).body("assets", equalTo(1))
                .body("erased_at", org.hamcrest.Matchers.notNullValue());
        assertEquals(Map.of("customer_profiles", 1L, "channel_identities", 1L, "profile_fields", 0L, "profile_assets", 0L),
                rowCounts(tenant));
        for (String id : List.of(a, b)) {
            as(viewer(tenant)).get("/v1/profiles/" + id).then().statusCode(404);
            as(admin(tenant)).delete("/v1/profiles/" + id).then().statusCode(404).contentType("application/problem+json");
        }
        as(viewer(tenant)).queryParam("external_id", "crm-erase").get("/v1/profiles").then().body("items", hasSize(0));
        as(viewer(tenant)).queryParam("field", "email").queryParam("value", "e2@example.com").get("/v1/profiles").then()
                .body("items", hasSize(0));
        as(viewer(tenant)).get("/v1/profiles/" + keep).then().statusCode(200).body("identities", hasSize(1));
        // The identities are unknown again: a new conversation starts a new profile.
        var again = as(runtime(tenant)).body(identity("zalo", "e-1")).post("/v1/profiles/resolve").then().statusCode(201)
                .body("created", equalTo(true)).extract();
        assertNotEquals(a, again.path("profile.id"));
    }

    @Test
    void erasingByAMergedIdErasesThePersonAndOnlyTenantAdminsErase() {
        UUID tenant = newTenant();
        String a = resolve(tenant, "web", "m-a");
        String b = resolve(tenant, "web", "m-b");
        merge(tenant, a, b).statusCode(200);
        for (String token : List.of(runtime(tenant), viewer(tenant), auditor(tenant))) {
            as(token).delete("/v1/profiles/" + a).then().statusCode(403).contentType("application/problem+json");
        }
        as(admin(tenant)).delete("/v1/profiles/" + b).then().statusCode(200).body("requested_id", equalTo(b))
                .body("erased_profile_ids", containsInAnyOrder(a, b)).body("identities", equalTo(2));
        assertEquals(0L, rowCounts(tenant).get("customer_profiles"));
    }
}
