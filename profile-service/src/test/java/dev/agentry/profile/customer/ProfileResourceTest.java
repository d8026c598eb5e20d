package dev.agentry.profile.customer;

import static dev.agentry.profile.ProfileTestSupport.admin;
import static dev.agentry.profile.ProfileTestSupport.as;
import static dev.agentry.profile.ProfileTestSupport.auditor;
import static dev.agentry.profile.ProfileTestSupport.body;
import static dev.agentry.profile.ProfileTestSupport.create;
import static dev.agentry.profile.ProfileTestSupport.field;
import static dev.agentry.profile.ProfileTestSupport.identity;
import static dev.agentry.profile.ProfileTestSupport.rowCounts;
import static dev.agentry.profile.ProfileTestSupport.runtime;
import static dev.agentry.profile.ProfileTestSupport.viewer;
import static dev.agentry.profile.ProfileTestSupport.writeFields;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
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

@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ProfileResourceTest extends TwoTenantTest {

    @Override
    protected String schema() {
        return "profile";
    }

    /**
     * The path of a property of a list item. Should be {@code fields[0].confidence}; common's
     * ProblemExceptionMappers.fieldOf still puts the index after the property (see its
     * FieldPathTest), so the test accepts both spellings and keeps asserting list, index and property.
     */
    static final java.util.function.BiFunction<String, String, org.hamcrest.Matcher<Object>> LIST_ITEM_FIELD =
            (list, property) -> org.hamcrest.Matchers.oneOf(list + "[0]." + property, list + "." + property + "[0]");

    @Test
    void createWithIdentitiesAndFieldsThenRead() {
        UUID tenant = tenantA;
        var created = as(admin(tenant)).body(body("external_id", " crm-1001 ",
                "identities", List.of(identity("Zalo", "z-1"), Map.of("channel", "email", "channel_user_id", "An@Example.com",
                        "verified", true)),
                "fields", List.of(field("full_name", "Nguyễn Văn An", "user_provided", 1.0, false))))
                .post("/v1/profiles").then().statusCode(201)
                .body("external_id", equalTo("crm-1001"))
                .body("identities", hasSize(2))
                .body("identities.channel", hasItem("zalo"))
                .body("identities.find { it.channel == 'email' }.channel_user_id", equalTo("an@example.com"))
                .body("identities.find { it.channel == 'email' }.verified", equalTo(true))
                .body("fields.full_name.value", equalTo("Nguyễn Văn An"))
                .body("fields.full_name.source", equalTo("user_provided"))
                .body("fields.full_name.reason", equalTo("only current value"))
                .body("resolved_from", nullValue())
                .extract();
        String id = created.path("id");
        assertEquals("/v1/profiles/" + id, java.net.URI.create(created.header("Location")).getPath());
        as(viewer(tenant)).get("/v1/profiles/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("fields.full_name.confidence", equalTo(1.0f))
                .body("fields.full_name.recorded_by", notNullValue())
                .body("merged_from", hasSize(0)).body("more_identities", equalTo(false));
    }

    @Test
    void externalIdIsUniquePerTenantAndCanBeSetLater() {
        UUID a = tenantA;
        UUID b = tenantB;
        create(a, body("external_id", "crm-7"));
        Map<String, Long> before = rowCounts(a);
        as(admin(a)).body(body("external_id", "crm-7")).post("/v1/profiles").then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", equalTo("external_id"));
        assertEquals(before, rowCounts(a));
        create(b, body("external_id", "crm-7"));

        String other = create(a, body());
        as(runtime(a)).body(body("external_id", "crm-7")).patch("/v1/profiles/" + other).then().statusCode(409);
        as(runtime(a)).body(body("external_id", "crm-8")).patch("/v1/profiles/" + other).then().statusCode(200)
                .body("external_id", equalTo("crm-8"));
        as(runtime(a)).body(body("external_id", " ")).patch("/v1/profiles/" + other).then().statusCode(400)
                .body("errors[0].field", equalTo("external_id"));
        as(admin(a)).body(body("external_id", "  ")).post("/v1/profiles").then().statusCode(400);
    }

    @Test
    void searchByExternalIdIdentityAndNormalisedFieldValue() {
        UUID tenant = tenantA;
        String an = create(tenant, body("external_id", "crm-an", "identities", List.of(identity("facebook", "fb-an")),
                "fields", List.of(field("phone", "+84 90-123 4567", "user_provided", 1, false),
                        field("email", "An.Nguyen@Example.COM", "extracted", 0.8, false))));
        String binh = create(tenant, body("fields", List.of(field("phone", "+84901234567", "system", 1, true))));
        create(tenant, body("fields", List.of(field("phone", "+84 99 999 9999", "user_provided", 1, false))));

        as(viewer(tenant)).queryParam("external_id", "crm-an").get("/v1/profiles").then().statusCode(200)
                .body("items.id", equalTo(List.of(an))).body("next_cursor", nullValue());
        as(viewer(tenant)).queryParam("channel", "Facebook").queryParam("channel_user_id", "fb-an").get("/v1/profiles")
                .then().statusCode(200).body("items.id", equalTo(List.of(an)));
        as(viewer(tenant)).queryParam("channel", "facebook").queryParam("channel_user_id", "nobody").get("/v1/profiles")
                .then().statusCode(200).body("items", hasSize(0));
        // Phones compare by digits, e-mail addresses without case; newest profile first.
        as(viewer(tenant)).queryParam("field", "phone").queryParam("value", "+84 901 234 567").get("/v1/profiles")
                .then().statusCode(200).body("items.id", equalTo(List.of(binh, an)));
        as(viewer(tenant)).queryParam("field", "phone").queryParam("value", "+84901234567").queryParam("limit", 1)
                .get("/v1/profiles").then().statusCode(200).body("items.id", equalTo(List.of(binh)))
                .body("next_cursor", notNullValue());
        as(viewer(tenant)).queryParam("field", "email").queryParam("value", " an.nguyen@example.com")
                .get("/v1/profiles").then().statusCode(200).body("items.id", equalTo(List.of(an)));

        // A closed value is history, not a match.
        writeFields(tenant, binh, List.of(field("phone", "+84 11 111 1111", "system", 1, true)));
        as(viewer(tenant)).queryParam("field", "phone").queryParam("value", "+84901234567").get("/v1/profiles")
                .then().statusCode(200).body("items.id", equalTo(List.of(an)));
    }

    @Test
    void listPagesThroughLiveProfiles() {
        // The list is the whole tenant's: this test takes a tenant of its own.
        UUID tenant = newTenant("profile-list");
        String first = create(tenant, body());
        String second = create(tenant, body());
        String third = create(tenant, body());
        var page1 = as(viewer(tenant)).queryParam("limit", 2).get("/v1/profiles").then().statusCode(200)
                .body("items.id", equalTo(List.of(third, second))).extract();
        String cursor = page1.path("next_cursor");
        as(viewer(tenant)).queryParam("limit", 2).queryParam("cursor", cursor).get("/v1/profiles").then().statusCode(200)
                .body("items.id", equalTo(List.of(first))).body("next_cursor", nullValue());
    }

    @Test
    void badSearchParametersAreNamed() {
        UUID tenant = tenantA;
        as(viewer(tenant)).queryParam("channel", "zalo").get("/v1/profiles").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("channel_user_id"));
        as(viewer(tenant)).queryParam("value", "x").get("/v1/profiles").then().statusCode(400)
                .body("errors[0].field", equalTo("field"));
        as(viewer(tenant)).queryParam("field", "Phone!").queryParam("value", "1").get("/v1/profiles").then().statusCode(400)
                .body("errors[0].field", equalTo("field"));
        as(viewer(tenant)).queryParam("external_id", "x").queryParam("field", "phone").queryParam("value", "1")
                .get("/v1/profiles").then().statusCode(400).body("errors.field", hasItem("$"));
        as(viewer(tenant)).queryParam("limit", 500).get("/v1/profiles").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        as(viewer(tenant)).queryParam("cursor", "nonsense").get("/v1/profiles").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void badInputWritesNothing() {
        UUID tenant = tenantA;
        String existing = create(tenant, body("identities", List.of(identity("zalo", "taken"))));
        Map<String, Long> before = rowCounts(tenant);
        // The duplicate identity comes after a valid one and with fields: the whole creation rolls back.
        as(admin(tenant)).body(body("external_id", "new", "identities", List.of(identity("web", "fresh"), identity("zalo", "taken")),
                "fields", List.of(field("name", "X", "user_provided", 1, false))))
                .post("/v1/profiles").then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("channel_user_id"));
        as(admin(tenant)).body(body("identities", List.of(identity("web", "twice"), identity("WEB", "twice"))))
                .post("/v1/profiles").then().statusCode(400).body("errors[0].field", equalTo("identities[1]"));
        as(admin(tenant)).body(body("fields", List.of(field("name", "X", "guessed", 1, false))))
                .post("/v1/profiles").then().statusCode(400).body("errors[0].field", equalTo("fields[0].source"));
        as(admin(tenant)).body(body("fields", List.of(field("name", "X", "extracted", 1.5, false))))
                .post("/v1/profiles").then().statusCode(400).body("errors[0].field", LIST_ITEM_FIELD.apply("fields", "confidence"));
        as(admin(tenant)).body(body("externalid", "typo")).post("/v1/profiles").then().statusCode(400)
                .body("errors[0].field", equalTo("externalid"));
        as(admin(tenant)).body(body("external_id", Map.of("id", 42))).post("/v1/profiles").then().statusCode(400)
                .body("errors[0].field", equalTo("external_id"));
        as(admin(tenant)).body(body("identities", List.of(body("channel", "web", "channel_user_id", "v", "verified", "yes"))))
                .post("/v1/profiles").then().statusCode(400).body("errors[0].field", equalTo("identities[0].verified"));
        as(admin(tenant)).body("{\"identities\": [null]}").post("/v1/profiles").then().statusCode(400)
                .contentType("application/problem+json");
        as(admin(tenant)).body("{\"external_id\": ").post("/v1/profiles").then().statusCode(400)
                .contentType("application/problem+json");
        as(admin(tenant)).body(body("external_id", "x".repeat(2_000_000))).post("/v1/profiles").then().statusCode(413)
                .contentType("application/problem+json");
        as(admin(tenant)).body(body("external_id", "x".repeat(256))).post("/v1/profiles").then().statusCode(400)
                .body("errors[0].field", equalTo("external_id"));
        given().auth().oauth2(admin(tenant)).contentType("text/plain").body("x").post("/v1/profiles").then().statusCode(415);
        assertEquals(before, rowCounts(tenant));
        as(viewer(tenant)).get("/v1/profiles/" + existing).then().statusCode(200).body("identities", hasSize(1));
    }

    @Test
    void rolesDecideWhoWritesAndWhoErases() {
        UUID tenant = tenantA;
        String id = create(tenant, body());
        as(viewer(tenant)).body(body()).post("/v1/profiles").then().statusCode(403).contentType("application/problem+json");
        as(auditor(tenant)).body(identity("web", "v")).post("/v1/profiles/resolve").then().statusCode(403);
        as(auditor(tenant)).get("/v1/profiles/" + id).then().statusCode(200);
        as(runtime(tenant)).delete("/v1/profiles/" + id).then().statusCode(403);
        as(viewer(tenant)).delete("/v1/profiles/" + id).then().statusCode(403);
        given().get("/v1/profiles/" + id).then().statusCode(401).contentType("application/problem+json");
        String fromRuntime = as(runtime(tenant)).body(body()).post("/v1/profiles").then().statusCode(201).extract().path("id");
        assertNotEquals(id, fromRuntime);
    }

    @Test
    void theSecondTenantNeitherSeesNorChangesTheProfile() {
        String mine = create(tenantA, body("external_id", "crm-isolated", "identities", List.of(identity("web", "iso-1")),
                "fields", List.of(field("phone", "+84 900 111 222", "user_provided", 1, false))));
        String viewBefore = as(viewer(tenantA)).get("/v1/profiles/" + mine).then().statusCode(200).extract().asString();
        Map<String, Long> aBefore = rowCounts(tenantA);
        as(viewer(tenantB)).get("/v1/profiles/" + mine).then().statusCode(404).contentType("application/problem+json");
        as(runtime(tenantB)).body(body("external_id", "crm-stolen")).patch("/v1/profiles/" + mine).then().statusCode(404);
        as(admin(tenantB)).delete("/v1/profiles/" + mine).then().statusCode(404);
        as(viewer(tenantB)).get("/v1/profiles").then().statusCode(200).body("items.id", not(hasItem(mine)));
        as(viewer(tenantB)).queryParam("external_id", "crm-isolated").get("/v1/profiles").then().body("items", hasSize(0));
        as(viewer(tenantB)).queryParam("channel", "web").queryParam("channel_user_id", "iso-1").get("/v1/profiles").then()
                .body("items", hasSize(0));
        as(viewer(tenantB)).queryParam("field", "phone").queryParam("value", "+84900111222").get("/v1/profiles").then()
                .body("items", hasSize(0));
        assertEquals(aBefore, rowCounts(tenantA));
        assertEquals(viewBefore, as(viewer(tenantA)).get("/v1/profiles/" + mine).then().extract().asString());
    }
}
