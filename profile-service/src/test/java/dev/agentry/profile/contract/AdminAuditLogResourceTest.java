package dev.agentry.profile.contract;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.audit.AuditKind;
import dev.agentry.common.audit.AuditRecord;
import dev.agentry.common.audit.AuditStreamConfig;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TestTokens;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every service records an administrator's changes as audit_logs records on the audit stream
 * (common's AdminActionLog), tested here on profile-service: who, what, which resource, the outcome;
 * the runtime's own writes are not recorded.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AdminAuditLogResourceTest extends TwoTenantTest {

    @Inject
    RedisDataSource redis;

    @Inject
    AuditStreamConfig stream;

    @Override
    protected String schema() {
        return "profile";
    }

    @Test
    void anAdministratorsCreateAndFailedUpdateAreRecordedWithTheirOutcome() throws InterruptedException {
        String token = TestTokens.forTenant(tenantA, "tenant-admin");
        String externalId = "crm-" + UUID.randomUUID();
        String id = given().auth().oauth2(token).header("User-Agent", "admin-console/1.0").contentType(ContentType.JSON)
                .body(Map.of("external_id", externalId)).post("/v1/profiles")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("external_id", 42))
                .patch("/v1/profiles/" + id).then().statusCode(400);

        AuditRecord created = await(tenantA, "profile.created", id);
        assertEquals(AuditKind.AUDIT_LOG, created.kind());
        assertEquals("success", created.data().get("status"));
        assertEquals("profile", created.data().get("resource_type"));
        assertEquals("admin-console/1.0", created.data().get("user_agent"));
        assertTrue(String.valueOf(created.data().get("actor")).length() > 0);
        assertNull(created.data().get("error_message"));
        assertEquals(externalId, ((Map<?, ?>) created.data().get("new_values")).get("external_id"));

        AuditRecord refused = await(tenantA, "profile.updated", id);
        assertEquals("failure", refused.data().get("status"));
        assertEquals("HTTP 400", refused.data().get("error_message"));
        assertNull(refused.data().get("new_values"));
    }

    @Test
    void theRuntimesOwnWritesAreNotRecorded() throws InterruptedException {
        String id = given().auth().oauth2(TestTokens.forTenant(tenantB, "agent-runtime")).contentType(ContentType.JSON)
                .body(Map.of("channel", "web", "channel_user_id", "v-" + UUID.randomUUID())).post("/v1/profiles/resolve")
                .then().statusCode(201).extract().path("profile.id");
        // An administrator's change after it: once that is on the stream, the runtime's would be too.
        given().auth().oauth2(TestTokens.forTenant(tenantB, "tenant-admin")).contentType(ContentType.JSON)
                .body(Map.of("external_id", "crm-" + UUID.randomUUID())).patch("/v1/profiles/" + id).then().statusCode(200);
        await(tenantB, "profile.updated", id);
        assertTrue(find(tenantB, "resolve.resolved", null).isEmpty());
        assertTrue(records(tenantB).stream().allMatch(r -> String.valueOf(r.data().get("action")).startsWith("profile.")));
    }

    private AuditRecord await(UUID tenant, String action, String resourceId) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Optional<AuditRecord> found = find(tenant, action, resourceId);
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + action + " of " + resourceId + " for tenant " + tenant + " on " + stream.key());
    }

    private Optional<AuditRecord> find(UUID tenant, String action, String resourceId) {
        return records(tenant).stream().filter(r -> action.equals(r.data().get("action")))
                .filter(r -> resourceId == null || resourceId.equals(r.data().get("resource_id"))).findFirst();
    }

    private List<AuditRecord> records(UUID tenant) {
        List<StreamMessage<String, String, String>> messages = redis.stream(String.class).xrange(stream.key(),
                io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"));
        return messages.stream().map(m -> AuditRecord.fromFields(m.payload())).filter(r -> r.tenantId().equals(tenant)).toList();
    }
}
