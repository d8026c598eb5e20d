package dev.agentry.profile;

import static dev.agentry.profile.ProfileTestSupport.admin;
import static dev.agentry.profile.ProfileTestSupport.as;
import static dev.agentry.profile.ProfileTestSupport.body;
import static dev.agentry.profile.ProfileTestSupport.create;
import static dev.agentry.profile.ProfileTestSupport.field;
import static dev.agentry.profile.ProfileTestSupport.identity;
import static dev.agentry.profile.ProfileTestSupport.rowCounts;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint at once, called with tenant B's token on tenant A's profile, answers 404 as if
 * nothing existed, and changes nothing (rows and the whole view compared before and after). Each
 * resource test also checks its own endpoints against the second tenant.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TenantIsolationResourceTest extends TwoTenantTest {

    @Override
    protected String schema() {
        return "profile";
    }

    @Test
    void anotherTenantGets404EverywhereAndChangesNothing() {
        UUID owner = tenantA;
        UUID intruder = tenantB;
        String p = create(owner, body("external_id", "crm-secret", "identities", List.of(identity("zalo", "z-secret")),
                "fields", List.of(field("phone", "+84 900 000 001", "user_provided", 1, false))));
        String duplicate = create(owner, body("identities", List.of(identity("web", "w-secret"))));
        String identityId = as(admin(owner)).get("/v1/profiles/" + p + "/identities").then().extract().path("items[0].id");
        String assetId = as(admin(owner)).body(body("asset_type", "order", "asset_reference", "SO-1"))
                .post("/v1/profiles/" + p + "/assets").then().statusCode(201).extract().path("id");
        String intruderOwn = create(intruder, body());
        String viewBefore = as(admin(owner)).get("/v1/profiles/" + p).then().statusCode(200).extract().asString();
        Map<String, Long> ownerBefore = rowCounts(owner);
        Map<String, Long> intruderBefore = rowCounts(intruder);

        String base = "/v1/profiles/" + p;
        Map<String, Function<RequestSpecification, Response>> calls = new java.util.LinkedHashMap<>();
        calls.put("GET profile", r -> r.get(base));
        calls.put("PATCH profile", r -> r.body(body("external_id", "stolen")).patch(base));
        calls.put("DELETE profile (erasure)", r -> r.delete(base));
        calls.put("POST merge into it", r -> r.body(Map.of("duplicate_id", intruderOwn)).post(base + "/merge"));
        calls.put("POST merge it into own", r -> r.body(Map.of("duplicate_id", p)).post("/v1/profiles/" + intruderOwn + "/merge"));
        calls.put("POST merge own duplicate", r -> r.body(Map.of("duplicate_id", duplicate)).post(base + "/merge"));
        calls.put("POST fields", r -> r.body(Map.of("fields", List.of(field("phone", "1", "system", 1, true)))).post(base + "/fields"));
        calls.put("GET field history", r -> r.get(base + "/fields/phone/history"));
        calls.put("DELETE field", r -> r.delete(base + "/fields/phone"));
        calls.put("POST identity", r -> r.body(identity("web", "intruder")).post(base + "/identities"));
        calls.put("GET identities", r -> r.get(base + "/identities"));
        calls.put("GET identity", r -> r.get(base + "/identities/" + identityId));
        calls.put("DELETE identity", r -> r.delete(base + "/identities/" + identityId));
        calls.put("POST asset", r -> r.body(body("asset_type", "order", "asset_reference", "x")).post(base + "/assets"));
        calls.put("GET assets", r -> r.get(base + "/assets"));
        calls.put("GET asset", r -> r.get(base + "/assets/" + assetId));
        calls.put("DELETE asset", r -> r.delete(base + "/assets/" + assetId));
        calls.forEach((name, call) -> {
            Response answer = call.apply(as(admin(intruder)));
            assertEquals(404, answer.statusCode(), name + ": " + answer.asString());
            assertEquals("application/problem+json", answer.contentType(), name);
        });

        // Searches and lists find nothing of the owner's.
        as(admin(intruder)).get("/v1/profiles").then().statusCode(200).body("items.id", equalTo(List.of(intruderOwn)));
        as(admin(intruder)).queryParam("external_id", "crm-secret").get("/v1/profiles").then().body("items", hasSize(0));
        as(admin(intruder)).queryParam("channel", "zalo").queryParam("channel_user_id", "z-secret").get("/v1/profiles")
                .then().body("items", hasSize(0));
        as(admin(intruder)).queryParam("field", "phone").queryParam("value", "+84900000001").get("/v1/profiles")
                .then().body("items", hasSize(0));
        assertEquals(ownerBefore, rowCounts(owner));
        assertEquals(intruderBefore, rowCounts(intruder));

        // Resolving the same identity, or taking the same external id, makes the intruder's own profile.
        String theirs = as(admin(intruder)).body(identity("zalo", "z-secret")).post("/v1/profiles/resolve").then()
                .statusCode(201).extract().path("profile.id");
        assertNotEquals(p, theirs);
        create(intruder, body("external_id", "crm-secret"));

        assertEquals(ownerBefore, rowCounts(owner));
        assertEquals(viewBefore, as(admin(owner)).get("/v1/profiles/" + p).then().statusCode(200).extract().asString());
    }
}
