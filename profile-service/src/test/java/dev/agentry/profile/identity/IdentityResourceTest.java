package dev.agentry.profile.identity;

import static dev.agentry.profile.ProfileTestSupport.admin;
import static dev.agentry.profile.ProfileTestSupport.as;
import static dev.agentry.profile.ProfileTestSupport.body;
import static dev.agentry.profile.ProfileTestSupport.create;
import static dev.agentry.profile.ProfileTestSupport.identity;
import static dev.agentry.profile.ProfileTestSupport.newTenant;
import static dev.agentry.profile.ProfileTestSupport.resolve;
import static dev.agentry.profile.ProfileTestSupport.rowCounts;
import static dev.agentry.profile.ProfileTestSupport.runtime;
import static dev.agentry.profile.ProfileTestSupport.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TestDatabase;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ResolveAndIdentityTest {

    @BeforeAll
    static void clean() {
        TestDatabase.truncate("profile");
    }

    @Test
    void resolveCreatesOnceThenFinds() {
        UUID tenant = newTenant();
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
        assertEquals(Map.of("customer_profiles", 3L, "channel_identities", 3L, "profile_fields", 0L, "profile_assets", 0L),
                rowCounts(tenant));
    }

    @Test
    void resolveMarksVerifiedButNeverUnverifies() {
        UUID tenant = newTenant();
        resolve(tenant, "facebook", "psid-1");
        as(runtime(tenant)).body(body("channel", "facebook", "channel_user_id", "psid-1", "verified", true))
                .post("/v1/profiles/resolve").then().statusCode(200).body("identity.verified", equalTo(true));
        as(runtime(tenant)).body(body("channel", "facebook", "channel_user_id", "psid-1", "verified", false))
                .post("/v1/profiles/resolve").then().statusCode(200).body("identity.verified", equalTo(true));
    }

    /** 100 parallel first resolves of one identity, over HTTP: exactly one profile and one identity exist after. */
    @Test
    void concurrentResolvesOfANewIdentityMakeExactlyOneProfile() throws Exception {
        UUID tenant = newTenant();
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
        assertEquals(1L, rowCounts(tenant).get("customer_profiles"));
        assertEquals(1L, rowCounts(tenant).get("channel_identities"));
    }

    @Test
    void identitiesAreLinkedListedAndUnlinked() {
        UUID tenant = newTenant();
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
        UUID tenant = newTenant();
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
    void badIdentitiesAreRefusedNamingTheField() {
        UUID tenant = newTenant();
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
}
