package dev.agentry.profile.customer;

import static dev.agentry.profile.ProfileTestSupport.admin;
import static dev.agentry.profile.ProfileTestSupport.as;
import static dev.agentry.profile.ProfileTestSupport.auditor;
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
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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

/** Erasure, {@code DELETE /v1/profiles/{id}} of ProfileResource: the person, merged profiles included. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ProfileErasureResourceTest extends TwoTenantTest {

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

    @Test
    void erasureRemovesThePersonAndSaysWhatWentAway() {
        UUID tenant = tenantA;
        Map<String, Long> before = rowCounts(tenant);
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
        assertEquals(grown(before, 1, 1, 0, 0), rowCounts(tenant));
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
        UUID tenant = tenantA;
        Map<String, Long> before = rowCounts(tenant);
        String a = resolve(tenant, "web", "m-a");
        String b = resolve(tenant, "web", "m-b");
        merge(tenant, a, b).statusCode(200);
        for (String token : List.of(runtime(tenant), viewer(tenant), auditor(tenant))) {
            as(token).delete("/v1/profiles/" + a).then().statusCode(403).contentType("application/problem+json");
        }
        as(admin(tenant)).delete("/v1/profiles/" + b).then().statusCode(200).body("requested_id", equalTo(b))
                .body("erased_profile_ids", containsInAnyOrder(a, b)).body("identities", equalTo(2));
        assertEquals(before, rowCounts(tenant));
    }

    @Test
    void theSecondTenantCannotEraseAndItsErasureLeavesTheFirstAlone() {
        String mine = create(tenantA, body("identities", List.of(identity("zalo", "erase-iso")),
                "fields", List.of(field("email", "iso@example.com", "user_provided", 1, false))));
        String theirs = resolve(tenantB, "zalo", "erase-iso");
        Map<String, Long> aBefore = rowCounts(tenantA);
        String viewBefore = as(viewer(tenantA)).get("/v1/profiles/" + mine).then().statusCode(200).extract().asString();
        as(admin(tenantB)).delete("/v1/profiles/" + mine).then().statusCode(404).contentType("application/problem+json");
        // B erasing its own person with the same identity touches nothing of A's.
        as(admin(tenantB)).delete("/v1/profiles/" + theirs).then().statusCode(200)
                .body("erased_profile_ids", equalTo(List.of(theirs))).body("identities", equalTo(1));
        assertEquals(aBefore, rowCounts(tenantA));
        assertEquals(viewBefore, as(viewer(tenantA)).get("/v1/profiles/" + mine).then().extract().asString());
        assertEquals(mine, resolve(tenantA, "zalo", "erase-iso"));
    }
}
