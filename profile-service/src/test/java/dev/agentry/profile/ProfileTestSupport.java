package dev.agentry.profile;

import static io.restassured.RestAssured.given;

import dev.agentry.common.testing.TestApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Shared steps of profile-service tests: tokens per role, fixtures made through the API, row counts. */
public final class ProfileTestSupport extends TestApi {

    public static final List<String> TABLES = List.of("customer_profiles", "channel_identities", "profile_fields",
            "profile_assets");

    /** The erasure requests and receipts: ids and counts only, left out of the person's row counts. */
    public static final List<String> ERASURE_TABLES = List.of("profile_erasures", "profile_erasure_receipts");

    private ProfileTestSupport() {
    }

    /**
     * A fresh tenant, for tests outside {@code TwoTenantTest} (tenants live in config-service; here
     * any UUID is one).
     */
    public static UUID newTenant() {
        return UUID.randomUUID();
    }

    public static Map<String, Object> identity(String channel, String userId) {
        return Map.of("channel", channel, "channel_user_id", userId);
    }

    public static Map<String, Object> field(String name, String value, String source, double confidence, boolean verified) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("value", value);
        f.put("source", source);
        f.put("confidence", confidence);
        f.put("verified", verified);
        return f;
    }

    /** Resolves an identity as the agent runtime and answers the profile id. */
    public static String resolve(UUID tenant, String channel, String userId) {
        return as(runtime(tenant)).body(identity(channel, userId)).post("/v1/profiles/resolve")
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201)).extract().path("profile.id");
    }

    /** Creates a profile through the API and answers its id. */
    public static String create(UUID tenant, Map<String, Object> body) {
        return as(admin(tenant)).body(body).post("/v1/profiles").then().statusCode(201).extract().path("id");
    }

    public static void writeFields(UUID tenant, String profileId, List<Map<String, Object>> fields) {
        as(runtime(tenant)).body(Map.of("fields", fields)).post("/v1/profiles/" + profileId + "/fields")
                .then().statusCode(200);
    }

    /** {@code before} (a {@link #rowCounts} answer) grown by the given numbers of rows, in table order. */
    public static Map<String, Long> grown(Map<String, Long> before, long profiles, long identities, long fieldValues,
            long assets) {
        long[] added = { profiles, identities, fieldValues, assets };
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < TABLES.size(); i++) {
            out.put(TABLES.get(i), before.get(TABLES.get(i)) + added[i]);
        }
        return out;
    }

    /** Rows per table of one tenant: what "nothing was written" is checked by. */
    public static Map<String, Long> rowCounts(UUID tenant) {
        return rowCounts("profile", tenant, TABLES);
    }
}
