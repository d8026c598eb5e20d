package dev.agentry.profile.field;

import static dev.agentry.profile.ProfileTestSupport.admin;
import static dev.agentry.profile.ProfileTestSupport.as;
import static dev.agentry.profile.ProfileTestSupport.body;
import static dev.agentry.profile.ProfileTestSupport.create;
import static dev.agentry.profile.ProfileTestSupport.field;
import static dev.agentry.profile.ProfileTestSupport.rowCounts;
import static dev.agentry.profile.ProfileTestSupport.runtime;
import static dev.agentry.profile.ProfileTestSupport.viewer;
import static dev.agentry.profile.ProfileTestSupport.writeFields;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A profile's fields: {@code /v1/profiles/{id}/fields}. */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class FieldResourceTest extends TwoTenantTest {

    @Override
    protected String schema() {
        return "profile";
    }

    private static String fieldsPath(String profile) {
        return "/v1/profiles/" + profile + "/fields";
    }

    @Test
    void precedenceIsVerifiedThenSourceThenConfidenceThenRecency() {
        UUID tenant = tenantA;
        String p = create(tenant, body());
        as(runtime(tenant)).body(Map.of("fields", List.of(field("email", "guess@example.com", "inferred", 0.4, false))))
                .post(fieldsPath(p)).then().statusCode(200)
                .body("fields.email.value", equalTo("guess@example.com"))
                .body("fields.email.reason", equalTo("only current value")).body("fields.email.candidates", equalTo(1));
        as(runtime(tenant)).body(Map.of("fields", List.of(field("email", "said@example.com", "user_provided", 0.9, false))))
                .post(fieldsPath(p)).then().statusCode(200)
                .body("fields.email.value", equalTo("said@example.com"))
                .body("fields.email.source", equalTo("user_provided"))
                .body("fields.email.reason", equalTo("source user_provided outranks inferred"))
                .body("fields.email.candidates", equalTo(2));
        // A verified value beats every unverified one, whatever its source and confidence.
        as(runtime(tenant)).body(Map.of("fields", List.of(field("email", "otp@example.com", "extracted", 0.5, true))))
                .post(fieldsPath(p)).then().statusCode(200)
                .body("fields.email.value", equalTo("otp@example.com")).body("fields.email.verified", equalTo(true))
                .body("fields.email.reason", equalTo("verified")).body("fields.email.candidates", equalTo(3))
                .body("fields.email.valid_from", notNullValue()).body("fields.email.confidence", equalTo(0.5f));

        // Same verification and source rank: confidence, then recency. A merge brings same-source values together.
        String phoneLow = create(tenant, body("fields", List.of(field("phone", "+84 1", "extracted", 0.6, false),
                field("city", "Hanoi", "inferred", 0.5, false))));
        String phoneHigh = create(tenant, body("fields", List.of(field("phone", "+84 2", "extracted", 0.9, false))));
        String cityLater = create(tenant, body("fields", List.of(field("city", "Hue", "inferred", 0.5, false))));
        merge(tenant, phoneLow, phoneHigh);
        merge(tenant, phoneLow, cityLater);
        as(viewer(tenant)).get("/v1/profiles/" + phoneLow).then().statusCode(200)
                .body("fields.phone.value", equalTo("+84 2")).body("fields.phone.reason", equalTo("higher confidence (0.9 over 0.6)"))
                .body("fields.city.value", equalTo("Hue")).body("fields.city.reason", equalTo("most recent"));
        // The next value from that source closes both of them.
        as(runtime(tenant)).body(Map.of("fields", List.of(field("phone", "+84 3", "extracted", 0.3, false))))
                .post(fieldsPath(phoneLow)).then().statusCode(200)
                .body("fields.phone.value", equalTo("+84 3")).body("fields.phone.candidates", equalTo(1));
    }

    @Test
    void historyKeepsEveryValueAndClosesTheReplacedOne() {
        UUID tenant = tenantA;
        long fieldsBefore = rowCounts(tenant).get("profile_fields");
        String p = create(tenant, body());
        for (String name : List.of("An", "Anh", "Anna")) {
            writeFields(tenant, p, List.of(field("first_name", name, "user_provided", 1, false)));
        }
        writeFields(tenant, p, List.of(field("first_name", "Annie", "extracted", 0.7, false)));
        var history = as(viewer(tenant)).get(fieldsPath(p) + "/first_name/history").then().statusCode(200)
                .body("items.value", equalTo(List.of("Annie", "Anna", "Anh", "An")))
                .body("items.source", equalTo(List.of("extracted", "user_provided", "user_provided", "user_provided")))
                .body("items[0].valid_to", nullValue()).body("items[1].valid_to", nullValue())
                .body("items[0].recorded_by", notNullValue())
                .extract();
        // Each replaced value's validity ends exactly where its successor's begins.
        assertEquals((String) history.path("items[1].valid_from"), history.path("items[2].valid_to"));
        assertEquals((String) history.path("items[2].valid_from"), history.path("items[3].valid_to"));
        as(viewer(tenant)).get("/v1/profiles/" + p).then()
                .body("fields.first_name.value", equalTo("Anna"))
                .body("fields.first_name.reason", equalTo("source user_provided outranks extracted"));
        String cursor = as(viewer(tenant)).queryParam("limit", 3).get(fieldsPath(p) + "/first_name/history").then()
                .body("items", hasSize(3)).extract().path("next_cursor");
        as(viewer(tenant)).queryParam("limit", 3).queryParam("cursor", cursor).get(fieldsPath(p) + "/first_name/history")
                .then().body("items.value", equalTo(List.of("An"))).body("next_cursor", nullValue());
        as(viewer(tenant)).get(fieldsPath(p) + "/never_written/history").then().statusCode(200).body("items", hasSize(0));
        assertEquals(fieldsBefore + 4, rowCounts(tenant).get("profile_fields"));
    }

    @Test
    void repeatingTheValueASourceHoldsRecordsNothing() {
        UUID tenant = tenantA;
        String p = create(tenant, body());
        writeFields(tenant, p, List.of(field("language", "vi", "system", 1, false)));
        writeFields(tenant, p, List.of(field("language", " vi ", "system", 1, false)));
        as(viewer(tenant)).get(fieldsPath(p) + "/language/history").then().body("items", hasSize(1));
        writeFields(tenant, p, List.of(field("language", "vi", "system", 1, true)));
        as(viewer(tenant)).get(fieldsPath(p) + "/language/history").then().body("items", hasSize(2))
                .body("items.verified", equalTo(List.of(true, false)));
    }

    @Test
    void aValueCanExpireAndAFieldCanBeRetracted() {
        UUID tenant = tenantA;
        String p = create(tenant, body());
        Map<String, Object> temporary = field("address", "12 Hang Bai", "user_provided", 1, false);
        temporary.put("valid_to", Instant.now().plusSeconds(3600).toString());
        writeFields(tenant, p, List.of(temporary, field("nickname", "Bi", "user_provided", 1, false)));
        as(viewer(tenant)).get("/v1/profiles/" + p).then().body("fields.address.valid_to", notNullValue());

        as(runtime(tenant)).delete(fieldsPath(p) + "/nickname").then().statusCode(204);
        as(viewer(tenant)).get("/v1/profiles/" + p).then().body("fields", not(hasKey("nickname")))
                .body("fields", hasKey("address"));
        as(viewer(tenant)).get(fieldsPath(p) + "/nickname/history").then().body("items", hasSize(1))
                .body("items[0].valid_to", notNullValue());
        as(runtime(tenant)).delete(fieldsPath(p) + "/nickname").then().statusCode(404).contentType("application/problem+json");
        as(runtime(tenant)).delete(fieldsPath(p) + "/Nick!").then().statusCode(400).body("errors[0].field", equalTo("name"));
    }

    @Test
    void badFieldsAreRefusedAsProblemsAndWriteNothing() {
        UUID tenant = tenantA;
        String p = create(tenant, body("fields", List.of(field("email", "a@example.com", "user_provided", 1, false))));
        Map<String, Long> before = rowCounts(tenant);
        String path = fieldsPath(p);
        List<Map<String, Object>> unknownSource = List.of(field("phone", "1", "user_provided", 1, false),
                field("email", "b@example.com", "guessed", 1, false));
        as(runtime(tenant)).body(Map.of("fields", unknownSource)).post(path).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("fields[1].source"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("user_provided"));
        for (double confidence : new double[] { 1.01, -0.1 }) {
            as(runtime(tenant)).body(Map.of("fields", List.of(field("email", "c@example.com", "extracted", confidence, false))))
                    .post(path).then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem(org.hamcrest.Matchers.allOf(
                            org.hamcrest.Matchers.containsString("confidence"), org.hamcrest.Matchers.containsString("[0]"))));
        }
        Map<String, Object> stringConfidence = field("email", "d@example.com", "extracted", 1, false);
        stringConfidence.put("confidence", "0.5");
        as(runtime(tenant)).body(Map.of("fields", List.of(stringConfidence))).post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("fields[0].confidence"));
        as(runtime(tenant)).body(Map.of("fields", List.of(field("Email", "e@example.com", "extracted", 1, false))))
                .post(path).then().statusCode(400);
        as(runtime(tenant)).body(Map.of("fields", List.of(field("email", " ", "extracted", 1, false))))
                .post(path).then().statusCode(400);
        as(runtime(tenant)).body(Map.of("fields", List.of(field("email", "x".repeat(4001), "extracted", 1, false))))
                .post(path).then().statusCode(400);
        Map<String, Object> past = field("email", "f@example.com", "extracted", 1, false);
        past.put("valid_to", "2020-01-01T00:00:00Z");
        as(runtime(tenant)).body(Map.of("fields", List.of(past))).post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("fields[0].valid_to"));
        as(runtime(tenant)).body(Map.of("fields", List.of(field("email", "g@example.com", "extracted", 1, false),
                field("email", "h@example.com", "extracted", 0.5, false)))).post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("fields[1]"));
        as(runtime(tenant)).body(Map.of("fields", List.of())).post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("fields"));
        as(runtime(tenant)).body(Map.of("fields", List.of(field("email", "i@example.com", "extracted", 1, false))))
                .post(fieldsPath(UUID.randomUUID().toString())).then().statusCode(404).contentType("application/problem+json");
        assertEquals(before, rowCounts(tenant));
        as(viewer(tenant)).get("/v1/profiles/" + p).then().body("fields.email.value", equalTo("a@example.com"))
                .body("fields", not(hasKey("phone")));
    }

    @Test
    void aProfileHoldsABoundedNumberOfFields() {
        UUID tenant = tenantA;
        String p = create(tenant, body());
        for (int batch = 0; batch < 4; batch++) {
            List<Map<String, Object>> fields = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                fields.add(field("f" + (batch * 50 + i), "v", "system", 1, false));
            }
            writeFields(tenant, p, fields);
        }
        as(runtime(tenant)).body(Map.of("fields", List.of(field("one_more", "v", "system", 1, false)))).post(fieldsPath(p))
                .then().statusCode(409).contentType("application/problem+json").body("errors[0].field", equalTo("fields"));
        // Another value of a field it already holds is fine.
        writeFields(tenant, p, List.of(field("f0", "w", "user_provided", 1, false)));
        as(admin(tenant)).delete(fieldsPath(p) + "/f1").then().statusCode(204);
        writeFields(tenant, p, List.of(field("one_more", "v", "system", 1, false)));
    }

    /** Writers of one field from one source serialise on the profile: one value stays valid, none is lost. */
    @Test
    void concurrentWritesFromOneSourceLeaveOneValidValueAndAFullHistory() throws Exception {
        UUID tenant = tenantA;
        String p = create(tenant, body());
        String token = runtime(tenant);
        int writers = 20;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                String value = "+84 90 000 00" + String.format("%02d", i);
                answers.add(pool.submit(() -> {
                    start.await();
                    return as(token).body(Map.of("fields", List.of(field("phone", value, "extracted", 0.8, false))))
                            .post(fieldsPath(p)).statusCode();
                }));
            }
            start.countDown();
            for (var answer : answers) {
                assertEquals(200, answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        as(viewer(tenant)).get("/v1/profiles/" + p).then().body("fields.phone.candidates", equalTo(1));
        as(viewer(tenant)).get(fieldsPath(p) + "/phone/history").then().body("items", hasSize(writers))
                .body("items.findAll { it.valid_to == null }", hasSize(1));
    }

    @Test
    void theSecondTenantNeitherSeesNorChangesTheFields() {
        String p = create(tenantA, body("fields", List.of(field("email", "mine@example.com", "user_provided", 1, false))));
        String viewBefore = as(viewer(tenantA)).get("/v1/profiles/" + p).then().statusCode(200).extract().asString();
        Map<String, Long> aBefore = rowCounts(tenantA);
        as(runtime(tenantB)).body(Map.of("fields", List.of(field("email", "theirs@example.com", "user_provided", 1, true))))
                .post(fieldsPath(p)).then().statusCode(404).contentType("application/problem+json");
        as(viewer(tenantB)).get(fieldsPath(p) + "/email/history").then().statusCode(404);
        as(runtime(tenantB)).delete(fieldsPath(p) + "/email").then().statusCode(404);
        as(viewer(tenantB)).queryParam("field", "email").queryParam("value", "mine@example.com").get("/v1/profiles").then()
                .statusCode(200).body("items", hasSize(0));
        assertEquals(aBefore, rowCounts(tenantA));
        assertEquals(viewBefore, as(viewer(tenantA)).get("/v1/profiles/" + p).then().extract().asString());
        as(viewer(tenantA)).get(fieldsPath(p) + "/email/history").then().body("items.value", equalTo(List.of("mine@example.com")));
    }

    private static void merge(UUID tenant, String survivor, String duplicate) {
        as(runtime(tenant)).body(Map.of("duplicate_id", duplicate)).post("/v1/profiles/" + survivor + "/merge")
                .then().statusCode(200);
    }
}
