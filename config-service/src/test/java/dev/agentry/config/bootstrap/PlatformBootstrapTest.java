package dev.agentry.config.bootstrap;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.config.ConfigTestProfiles;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The first start of a local suite leaves one working platform-admin credential, and only one. */
@QuarkusTest
@TestProfile(ConfigTestProfiles.FirstStart.class)
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PlatformBootstrapTest {

    @Inject
    PlatformBootstrap bootstrap;

    @Test
    void firstStartWritesAPlatformAdminKeyThatWorks() throws Exception {
        String key = Files.readString(ConfigTestProfiles.BOOTSTRAP_FILE).strip();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ConfigTestProfiles.BOOTSTRAP_FILE)));
        String token = given().contentType(ContentType.JSON).body(Map.of("grant_type", "api_key", "api_key", key))
                .post("/v1/auth/token").then().statusCode(200).body("roles", equalTo(java.util.List.of("platform-admin")))
                .extract().path("access_token");
        given().auth().oauth2(token).get("/v1/tenants").then().statusCode(200)
                .body("items.findAll { it.slug == 'platform' }.size()", equalTo(1));

        // A later start finds the platform tenant and changes nothing.
        bootstrap.onStart(null);
        assertEquals(key, Files.readString(ConfigTestProfiles.BOOTSTRAP_FILE).strip());
        given().auth().oauth2(token).get("/v1/tenants").then().body("items.findAll { it.slug == 'platform' }.size()", equalTo(1));
    }
}
