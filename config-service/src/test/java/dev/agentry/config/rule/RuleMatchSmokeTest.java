package dev.agentry.config.rule;

import static dev.agentry.config.AgentConfigFixtures.createAgent;
import static dev.agentry.config.ConfigTestSupport.as;
import static dev.agentry.config.ConfigTestSupport.createTenant;
import static dev.agentry.config.ConfigTestSupport.tenantAdmin;
import static org.hamcrest.Matchers.equalTo;

import dev.agentry.common.testing.AgentryTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RuleMatchSmokeTest {

    @Test
    void refundBeforeShipping() {
        UUID t = createTenant("smoke");
        String agent = createAgent(t, "Smoke");
        as(tenantAdmin(t)).body(Map.of("name", "refund", "condition_text", "The customer asks for a refund of their money",
                "action_type", "respond")).post("/v1/agents/" + agent + "/rules").then().statusCode(201);
        as(tenantAdmin(t)).body(Map.of("name", "shipping", "condition_text", "The customer asks where their parcel is and when it ships",
                "action_type", "respond")).post("/v1/agents/" + agent + "/rules").then().statusCode(201);
        as(tenantAdmin(t)).body(Map.of("message", "I want a refund")).post("/v1/agents/" + agent + "/rules/match").then()
                .log().ifValidationFails().statusCode(200).body("items[0].rule.name", equalTo("refund"));
    }
}
