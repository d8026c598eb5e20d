package dev.agentry.profile.identity;

import static dev.agentry.profile.ProfileTestSupport.as;
import static dev.agentry.profile.ProfileTestSupport.body;
import static dev.agentry.profile.ProfileTestSupport.create;
import static dev.agentry.profile.ProfileTestSupport.grown;
import static dev.agentry.profile.ProfileTestSupport.identity;
import static dev.agentry.profile.ProfileTestSupport.resolve;
import static dev.agentry.profile.ProfileTestSupport.rowCounts;
import static dev.agentry.profile.ProfileTestSupport.runtime;
import static dev.agentry.profile.ProfileTestSupport.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The channel identities of a profile: {@code /v1/profiles/{id}/identities}. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class IdentityResourceTest extends TwoTenantTest {

    @Override
    protected String schema() {
        return "profile";
    }

    @Test
    void identitiesAreLinkedListedAndUnlinked() {
        UUID tenant = tenantA;
        String profile = resolve(tenant, "web", "cookie-1");
        String zalo = as(runtime(tenant)).body(body("channel", "zalo", "channel_user_id", "z-1", "verified", true))
                .post("/v1/profiles/" + profile + "/identities").then().statusCode(201)
                .body("profile_id", equalTo(profile)).body("verified", equalTo(true)).extract().path("id");
        as(viewer(tenant)).get("/v1/profiles/" + profile + "/identities/" + zalo).then().statusCode(200)
                .body("channel_user_id", equalTo("z-1"));
        assertEquals(profile, resolve(tenant, "zalo", "z-1"));
        as(viewer(tenant)).queryParam("limit", 1).get("/v1/profiles/" + profile + "/identities").then().statusCode(200)
                .body("items.id", equalTo(List.of(zalo))).body("next_cursor", not(nullValue()));
        as(viewer(tenant)).get("/v1/profiles/" + profile).then().body("identities", hasSize(2));

        as(runtime(tenant)).delete("/v1/profiles/" + profile + "/identities/" + zalo).then().statusCode(204);
        as(runtime(tenant)).delete("/v1/profiles/" + profile + "/identities/" + zalo).then().statusCode(404)
                .contentType("application/problem+json");
        as(viewer(tenant)).get("/v1/profiles/" + profile + "/identities/" + zalo).then().statusCode(404);
        // Unlinked, the identity is unknown again: resolving it starts another profile.
        assertNotEquals(profile, resolve(tenant, "zalo", "z-1"));
    }

    @Test
    void aDuplicateIdentityIsRefusedAndWritesNothing() {
        UUID tenant = tenantA;
        String first = resolve(tenant, "zalo", "dup");
        String second = create(tenant, body());
        Map<String, Long> before = rowCounts(tenant);
        for (String target : List.of(first, second)) {
            as(runtime(tenant)).body(identity("ZALO", "dup")).post("/v1/profiles/" + target + "/identities").then()
                    .statusCode(409).contentType("application/problem+json").body("errors[0].field", equalTo("channel_user_id"));
        }
        assertEquals(before, rowCounts(tenant));
        as(viewer(tenant)).get("/v1/profiles/" + second + "/identities").then().body("items", hasSize(0));
    }

    @Test
    void theSecondTenantNeitherSeesNorChangesTheIdentities() {
        String profile = resolve(tenantA, "web", "isolated-cookie");
        String identityId = as(viewer(tenantA)).get("/v1/profiles/" + profile + "/identities").then().statusCode(200)
                .extract().path("items[0].id");
        Map<String, Long> aBefore = rowCounts(tenantA);
        Map<String, Long> bBefore = rowCounts(tenantB);
        String path = "/v1/profiles/" + profile + "/identities";
        as(viewer(tenantB)).get(path).then().statusCode(404).contentType("application/problem+json");
        as(viewer(tenantB)).get(path + "/" + identityId).then().statusCode(404);
        as(runtime(tenantB)).delete(path + "/" + identityId).then().statusCode(404);
        as(runtime(tenantB)).body(identity("zalo", "planted")).post(path).then().statusCode(404);
        // B's own profile cannot reach A's identity either.
        String theirs = create(tenantB, body());
        as(viewer(tenantB)).get("/v1/profiles/" + theirs + "/identities/" + identityId).then().statusCode(404);
        as(runtime(tenantB)).delete("/v1/profiles/" + theirs + "/identities/" + identityId).then().statusCode(404);

        assertEquals(aBefore, rowCounts(tenantA));
        assertEquals(grown(bBefore, 1, 0, 0, 0), rowCounts(tenantB));
        as(viewer(tenantA)).get(path).then().statusCode(200).body("items.id", equalTo(List.of(identityId)));
    }
}
