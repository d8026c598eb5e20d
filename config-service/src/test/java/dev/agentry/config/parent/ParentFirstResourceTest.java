package dev.agentry.config.parent;

import static dev.agentry.config.ConfigTestSupport.as;
import static dev.agentry.config.ConfigTestSupport.platformAdmin;
import static dev.agentry.config.ConfigTestSupport.tenantAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.config.AgentConfigFixtures;
import dev.agentry.config.ConfigTwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A write under another tenant's agent or scenario is 404 whatever its body (empty, malformed,
 * wrong types, valid), the same answer as for an id that never existed; under one's own, the body's
 * faults are named. Also: the short global list of base tools honours {@code limit}.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ParentFirstResourceTest extends ConfigTwoTenantTest {

    private static String agentOf(UUID tenant) {
        return AgentConfigFixtures.createAgent(tenant, "Parent");
    }

    @Test
    void aWriteUnderAnotherTenantsAgentIs404WhateverTheBody() {
        String theirs = agentOf(tenantB);
        String never = UUID.randomUUID().toString();
        for (String agent : new String[] { theirs, never }) {
            for (String child : new String[] { "rules", "scenarios", "templates", "variables" }) {
                String path = "/v1/agents/" + agent + "/" + child;
                as(tenantAdmin(tenantA)).body("{}").post(path).then().statusCode(404)
                        .contentType("application/problem+json").body("status", equalTo(404));
                as(tenantAdmin(tenantA)).body("{\"name\": ").post(path).then().statusCode(404);
                as(tenantAdmin(tenantA)).body("{\"name\": 42, \"priority\": \"high\"}").post(path).then().statusCode(404);
            }
            as(tenantAdmin(tenantA)).body(Map.of("name", "refund", "condition_text", "refund please", "action_type", "respond"))
                    .post("/v1/agents/" + agent + "/rules").then().statusCode(404);
        }
        as(tenantAdmin(tenantA)).body("{}").post("/v1/agents/not-a-uuid/rules").then().statusCode(404);
        // The owner still gets the body's faults named, and tenant B's agent has no rule.
        as(tenantAdmin(tenantB)).body("{}").post("/v1/agents/" + theirs + "/rules").then().statusCode(400);
        as(tenantAdmin(tenantB)).get("/v1/agents/" + theirs + "/rules").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void aMigrationPlanUnderAnotherTenantsScenarioIs404WhateverTheBody() {
        String agent = agentOf(tenantB);
        String scenario = as(tenantAdmin(tenantB)).body(Map.of("name", "Returns", "steps", List.of(AgentConfigFixtures.step("ask", "Ask", true))))
                .post("/v1/agents/" + agent + "/scenarios").then().statusCode(201).extract().path("id");
        as(tenantAdmin(tenantA)).body("{}").post("/v1/scenarios/" + scenario + "/migration-plans")
                .then().statusCode(404).contentType("application/problem+json");
        as(tenantAdmin(tenantA)).body("[1,2]").post("/v1/scenarios/" + scenario + "/migration-plans/generate")
                .then().statusCode(404);
    }

    @Test
    void theBaseToolListHonoursLimitAndPagesThroughAll() {
        for (int i = 0; i < 3; i++) {
            as(platformAdmin()).body(Map.of("type", "PAGE_" + i + "_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(),
                    "handler_class", "tools.Page")).post("/v1/base-tools").then().statusCode(201);
        }
        String cursor = as(platformAdmin()).queryParam("limit", 1).get("/v1/base-tools").then().statusCode(200)
                .body("items", hasSize(1)).extract().path("next_cursor");
        as(platformAdmin()).queryParam("limit", 2).queryParam("cursor", cursor).get("/v1/base-tools").then()
                .statusCode(200).body("items", hasSize(2));
        as(platformAdmin()).queryParam("limit", 0).get("/v1/base-tools").then().statusCode(400);
    }
}
