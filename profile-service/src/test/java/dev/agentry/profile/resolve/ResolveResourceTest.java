package dev.agentry.profile.resolve;

import static dev.agentry.profile.ProfileTestSupport.admin;
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
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/profiles/resolve}: the runtime's call on every turn. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ResolveResourceTest extends TwoTenantTest {

    @Override
    protected String schema() {
        return "profile";
    }

    @Test
    void resolveCreatesOnceThenFinds() {
        UUID tenant = tenantA;
        Map<String, Long> before = rowCounts(tenant);
        var first = as(runtime(tenant)).body(identity("zalo", "z-100")).post("/v1/profiles/resolve").then().statusCode(201)
                .body("created", equalTo(true)).body("identity.channel", equalTo("zalo"))
                .body("identity.verified", equalTo(false)).body("profile.external_id", nullValue()).extract();
        String profile = first.path("profile.id");
        assertEquals("/v1/profiles/" + profile, java.net.URI.create(first.header("Location")).getPath());
        as(runtime(tenant)).body(identity("Zalo", " z-100 ")).post("/v1/profiles/resolve").then().statusCode(200)
                .body("created", equalTo(false)).body("profile.id", equalTo(profile))
                .body("identity.id", equalTo(first.path("identity.id")));
        // Channel user ids are opaque except on e-mail, where case does not make another person.
        assertNotEquals(profile, resolve(tenant, "zalo", "Z-100"));
        String mail = resolve(tenant, "email", "Binh@Example.com");
        assertEquals(mail, resolve(tenant, "EMAIL", "binh@example.COM"));
        assertEquals(grown(before, 3, 3, 0, 0), rowCounts(tenant));
    }

    @Test
    void resolveMarksVerifiedButNeverUnverifies() {
        UUID tenant = tenantA;
        resolve(tenant, "facebook", "psid-1");
        as(runtime(tenant)).body(body("channel", "facebook", "channel_user_id", "psid-1", "verified", true))
                .post("/v1/profiles/resolve").then().statusCode(200).body("identity.verified", equalTo(true));
        as(runtime(tenant)).body(body("channel", "facebook", "channel_user_id", "psid-1", "verified", false))
                .post("/v1/profiles/resolve").then().statusCode(200).body("identity.verified", equalTo(true));
    }

    /** 100 parallel first resolves of one identity, over HTTP: exactly one profile and one identity exist after. */
    @Test
    void concurrentResolvesOfANewIdentityMakeExactlyOneProfile() throws Exception {
        UUID tenant = tenantA;
        Map<String, Long> before = rowCounts(tenant);
        String token = runtime(tenant);
        int callers = 100;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return as(token).body(identity("web", "visitor-race")).post("/v1/profiles/resolve");
                }));
            }
            start.countDown();
            Set<String> profiles = new HashSet<>();
            int created = 0;
            for (Future<Response> answer : answers) {
                Response r = answer.get(60, TimeUnit.SECONDS);
                assertEquals(true, r.statusCode() == 200 || r.statusCode() == 201, r.asString());
                profiles.add(r.path("profile.id"));
                created += r.statusCode() == 201 ? 1 : 0;
            }
            assertEquals(1, profiles.size(), profiles.toString());
            assertEquals(1, created);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(grown(before, 1, 1, 0, 0), rowCounts(tenant));
    }

    @Test
    void badIdentitiesAreRefusedNamingTheField() {
        UUID tenant = tenantA;
        String profile = create(tenant, body());
        Map<String, Long> before = rowCounts(tenant);
        as(runtime(tenant)).body(identity("zalo chat", "x")).post("/v1/profiles/resolve").then().statusCode(400)
                .body("errors[0].field", equalTo("channel"));
        as(runtime(tenant)).body(identity("zalo", " ")).post("/v1/profiles/resolve").then().statusCode(400)
                .body("errors[0].field", equalTo("channel_user_id"));
        as(runtime(tenant)).body(identity("zalo", "x".repeat(256))).post("/v1/profiles/resolve").then().statusCode(400)
                .body("errors[0].field", equalTo("channel_user_id"));
        as(runtime(tenant)).body(body("channel", "zalo")).post("/v1/profiles/resolve").then().statusCode(400)
                .body("errors[0].field", equalTo("channel_user_id"));
        as(runtime(tenant)).body(body("channel", "zalo", "channel_user_id", List.of("a"))).post("/v1/profiles/" + profile
                + "/identities").then().statusCode(400).body("errors[0].field", equalTo("channel_user_id"));
        as(runtime(tenant)).body(body("channel", "zalo", "channel_user_id", "a", "user", "b")).post("/v1/profiles/resolve")
                .then().statusCode(400).body("errors[0].field", equalTo("user"));
        as(runtime(tenant)).body(identity("web", "x")).post("/v1/profiles/" + UUID.randomUUID() + "/identities").then()
                .statusCode(404).contentType("application/problem+json");
        as(admin(tenant)).delete("/v1/profiles/" + profile + "/identities/" + UUID.randomUUID()).then().statusCode(404);
        assertEquals(before, rowCounts(tenant));
    }

    /** Resolve has its own resource beside ProfileResource's {@code /{id}}: the template does not capture it. */
    @Test
    void resolveIsASubPathThatTheIdTemplateDoesNotCapture() {
        UUID tenant = tenantA;
        Map<String, Long> before = rowCounts(tenant);
        as(runtime(tenant)).body(identity("web", "visitor-1")).post("/v1/profiles/resolve").then().statusCode(201)
                .body("created", equalTo(true));
        // Other methods fall to /{id}, where "resolve" is no UUID: 404, and nothing is read, changed or erased.
        as(viewer(tenant)).get("/v1/profiles/resolve").then().statusCode(404).contentType("application/problem+json");
        as(admin(tenant)).delete("/v1/profiles/resolve").then().statusCode(404).contentType("application/problem+json");
        as(admin(tenant)).body(body("external_id", "x")).patch("/v1/profiles/resolve").then().statusCode(404);
        as(viewer(tenant)).get("/v1/profiles/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
        as(viewer(tenant)).get("/v1/profiles/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        assertEquals(grown(before, 1, 1, 0, 0), rowCounts(tenant));
    }

    /** The same channel identity in tenant B is another person: B gets its own profile and never A's. */
    @Test
    void theSecondTenantResolvingTheSameIdentityGetsItsOwnProfile() {
        String mine = resolve(tenantA, "zalo", "shared-identity");
        as(runtime(tenantA)).body(body("channel", "zalo", "channel_user_id", "shared-identity", "verified", true))
                .post("/v1/profiles/resolve").then().statusCode(200).body("identity.verified", equalTo(true));
        Map<String, Long> aBefore = rowCounts(tenantA);
        String viewBefore = as(viewer(tenantA)).get("/v1/profiles/" + mine).then().statusCode(200).extract().asString();

        var theirs = as(runtime(tenantB)).body(identity("zalo", "shared-identity")).post("/v1/profiles/resolve").then()
                .statusCode(201).body("created", equalTo(true)).body("identity.verified", equalTo(false)).extract();
        assertNotEquals(mine, theirs.path("profile.id"));
        assertEquals(theirs.<String>path("profile.id"), resolve(tenantB, "zalo", "shared-identity"));
        as(viewer(tenantB)).get("/v1/profiles/" + mine).then().statusCode(404);
        as(viewer(tenantB)).queryParam("channel", "zalo").queryParam("channel_user_id", "shared-identity")
                .get("/v1/profiles").then().statusCode(200).body("items.id", equalTo(List.of(theirs.<String>path("profile.id"))));

        assertEquals(aBefore, rowCounts(tenantA));
        assertEquals(mine, resolve(tenantA, "zalo", "shared-identity"));
        assertEquals(viewBefore, as(viewer(tenantA)).get("/v1/profiles/" + mine).then().extract().asString());
        as(viewer(tenantA)).get("/v1/profiles/" + mine + "/identities").then().body("items", hasSize(1));
    }
}
