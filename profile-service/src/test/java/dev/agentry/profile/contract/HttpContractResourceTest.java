package dev.agentry.profile.contract;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.limits.PlanLimitNames;
import dev.agentry.common.limits.PlanLimitStore;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TestTokens;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every service shares at the HTTP edge, tested here on profile-service's API: bodies that are
 * not JSON objects, oversized bodies, and the tenant's daily request limit (429 with the
 * RateLimit-* and Retry-After headers, the other tenant unaffected, platform admins exempt).
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HttpContractResourceTest extends TwoTenantTest {

    @Inject
    PlanLimitStore limits;

    @Override
    protected String schema() {
        return "profile";
    }

    private static RequestSpecification as(UUID tenant) {
        return given().auth().oauth2(TestTokens.forTenant(tenant, "tenant-admin"));
    }

    private String newProfile(UUID tenant) {
        return as(tenant).contentType(ContentType.JSON).body(Map.of("external_id", "crm-" + UUID.randomUUID()))
                .post("/v1/profiles").then().statusCode(201).extract().path("id");
    }

    @Test
    void aWriteUnderAnotherTenantsProfileIs404WhateverTheBody() {
        String theirs = newProfile(tenantB);
        for (String profile : new String[] { theirs, UUID.randomUUID().toString() }) {
            for (String body : new String[] { "{}", "{\"channel\": ", "[1]", "{\"channel\": 7}" }) {
                as(tenantA).contentType(ContentType.JSON).body(body).post("/v1/profiles/" + profile + "/identities")
                        .then().statusCode(404).contentType("application/problem+json");
                as(tenantA).contentType(ContentType.JSON).body(body).post("/v1/profiles/" + profile + "/assets")
                        .then().statusCode(404);
                as(tenantA).contentType(ContentType.JSON).body(body).post("/v1/profiles/" + profile + "/merge")
                        .then().statusCode(404);
                as(tenantA).contentType(ContentType.JSON).body(body).patch("/v1/profiles/" + profile).then().statusCode(404);
            }
            as(tenantA).contentType(ContentType.JSON).body(Map.of("channel", "web", "channel_user_id", "v-1"))
                    .post("/v1/profiles/" + profile + "/identities").then().statusCode(404);
        }
        // Its owner still gets the body's faults named, and nothing was added to it.
        as(tenantB).contentType(ContentType.JSON).body("{}").post("/v1/profiles/" + theirs + "/identities").then().statusCode(400);
        as(tenantB).get("/v1/profiles/" + theirs + "/identities").then().statusCode(200).body("items.size()", org.hamcrest.Matchers.is(0));
    }

    @Test
    void aBodyThatIsNotJsonIs415AndChangesNothing() {
        String id = newProfile(tenantA);
        as(tenantA).contentType(ContentType.TEXT).body("hello").patch("/v1/profiles/" + id)
                .then().statusCode(415).contentType("application/problem+json")
                .body("status", equalTo(415)).body("detail", containsString("application/json"));
        as(tenantA).body("hello".getBytes()).noContentType().patch("/v1/profiles/" + id).then().statusCode(415);
        as(tenantA).get("/v1/profiles/" + id).then().statusCode(200).body("external_id", startsWith("crm-"));
    }

    @Test
    void aBareScalarOrArrayWhereAnObjectIsExpectedIs400() {
        String id = newProfile(tenantA);
        as(tenantA).contentType(ContentType.JSON).body("\"hello\"").patch("/v1/profiles/" + id)
                .then().statusCode(400).contentType("application/problem+json");
        as(tenantA).contentType(ContentType.JSON).body("[]").patch("/v1/profiles/" + id)
                .then().statusCode(400).contentType("application/problem+json");
        as(tenantA).contentType(ContentType.JSON).body("42").post("/v1/profiles")
                .then().statusCode(400).contentType("application/problem+json");
        as(tenantA).get("/v1/profiles/" + id).then().statusCode(200).body("external_id", startsWith("crm-"));
    }

    @Test
    void anOversizedBodyIs413ProblemJson() {
        String big = "{\"external_id\":\"" + "x".repeat(1_200_000) + "\"}";
        as(tenantA).contentType(ContentType.JSON).body(big).post("/v1/profiles")
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
        String huge = "{\"external_id\":\"" + "x".repeat(3_000_000) + "\"}";
        as(tenantA).contentType(ContentType.JSON).body(huge).post("/v1/profiles")
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
    }

    @Test
    void pastTheDailyLimitEveryRequestIs429WithTheHeaders() {
        UUID limited = UUID.randomUUID();
        limits.publish(limited, Map.of(PlanLimitNames.MAX_DAILY_REQUESTS, 3L)).await().atMost(Duration.ofSeconds(5));
        for (int i = 1; i <= 3; i++) {
            as(limited).get("/v1/profiles").then().statusCode(200)
                    .header("RateLimit-Limit", "3").header("RateLimit-Remaining", Integer.toString(3 - i))
                    .header("RateLimit-Reset", notNullValue());
        }
        var refused = as(limited).get("/v1/profiles").then().statusCode(429).contentType("application/problem+json")
                .body("type", containsString("rate-limit")).header("RateLimit-Remaining", "0")
                .header("Retry-After", notNullValue()).extract();
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 86_400, "Retry-After within the day: " + retryAfter);
        // Writes are refused too, and change nothing.
        as(limited).contentType(ContentType.JSON).body(Map.of("external_id", "x")).post("/v1/profiles")
                .then().statusCode(429);
        // Another tenant, without a published limit, is neither counted against it nor limited.
        as(tenantB).get("/v1/profiles").then().statusCode(200).header("RateLimit-Limit", nullValue());
        // A raised limit applies at the next request.
        limits.publish(limited, Map.of(PlanLimitNames.MAX_DAILY_REQUESTS, 100L)).await().atMost(Duration.ofSeconds(5));
        as(limited).get("/v1/profiles").then().statusCode(200).header("RateLimit-Limit", "100");
        as(limited).get("/v1/profiles").then().statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void platformAdminsAreNotCounted() {
        UUID platform = UUID.randomUUID();
        limits.publish(platform, Map.of(PlanLimitNames.MAX_DAILY_REQUESTS, 1L)).await().atMost(Duration.ofSeconds(5));
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(TestTokens.forTenant(platform, "platform-admin")).get("/v1/profiles")
                    .then().statusCode(200).header("RateLimit-Limit", nullValue());
        }
    }
}
