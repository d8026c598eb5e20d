package dev.agentry.config.migration;

import static dev.agentry.config.AgentConfigFixtures.createAgent;
import static dev.agentry.config.AgentConfigFixtures.createScenario;
import static dev.agentry.config.AgentConfigFixtures.invisibleTo;
import static dev.agentry.config.AgentConfigFixtures.runtime;
import static dev.agentry.config.AgentConfigFixtures.step;
import static dev.agentry.config.ConfigTestSupport.as;
import static dev.agentry.config.ConfigTestSupport.tenantAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.config.ConfigTwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MigrationPlanResourceTest extends ConfigTwoTenantTest {

    /** A scenario at version 2: greet -> ask -> done became welcome("Greeting") -> ask -> verify -> finish. */
    private static String versionedScenario() {
        String agent = createAgent(tenantA, "Migrations");
        String id = createScenario(tenantA, agent, "Refunds");
        as(tenantAdmin(tenantA)).body(Map.of("steps", List.of(step("welcome", "Greeting", true, "ask"),
                step("ask", "Ask for the order", false, "verify"), step("verify", "Verify", false, "finish"), step("finish", "Finish", false))))
                .patch("/v1/scenarios/" + id).then().statusCode(200).body("version", equalTo(2));
        return id;
    }

    @Test
    void aGeneratedDraftMatchesStepIdsThenNamesAndGoesThroughItsLifecycle() {
        String scenario = versionedScenario();
        String admin = tenantAdmin(tenantA);
        String plan = as(admin).body(Map.of("from_version", 1)).post("/v1/scenarios/" + scenario + "/migration-plans/generate")
                .then().statusCode(201).body("status", equalTo("draft")).body("to_version", equalTo(2))
                .body("transformation_map.greet.action", equalTo("map")).body("transformation_map.greet.to_step", equalTo("welcome"))
                .body("transformation_map.ask.to_step", equalTo("ask")).body("transformation_map.done.action", equalTo("restart"))
                .body("anchor_policies.unmapped_step", equalTo("restart")).extract().path("id");
        // Edited as a draft: done -> finish.
        as(admin).body(Map.of("transformation_map", Map.of("greet", Map.of("action", "map", "to_step", "welcome"),
                "ask", Map.of("action", "keep_anchor"), "done", Map.of("action", "map", "to_step", "finish")),
                "scope_filter", Map.of("channels", List.of("web"))))
                .patch("/v1/migration-plans/" + plan).then().statusCode(200).body("transformation_map.done.to_step", equalTo("finish"))
                .body("transformation_map.ask.action", equalTo("keep_anchor"));
        // Nothing applies before deployment.
        as(runtime(tenantA)).queryParam("from_version", 1).get("/v1/scenarios/" + scenario + "/migration-plans/applicable").then()
                .statusCode(200).body("plan", nullValue()).body("current_version", equalTo(2));
        // Illegal transitions are 409.
        as(admin).post("/v1/migration-plans/" + plan + "/deploy").then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("status"));
        as(admin).post("/v1/migration-plans/" + plan + "/approve").then().statusCode(200).body("status", equalTo("approved"))
                .body("approved_at", notNullValue());
        as(admin).post("/v1/migration-plans/" + plan + "/approve").then().statusCode(409);
        as(admin).body(Map.of("scope_filter", Map.of())).patch("/v1/migration-plans/" + plan).then().statusCode(409);
        as(admin).post("/v1/migration-plans/" + plan + "/deploy").then().statusCode(200).body("status", equalTo("deployed"))
                .body("deployed_at", notNullValue());
        as(admin).post("/v1/migration-plans/" + plan + "/reject").then().statusCode(409);
        as(admin).delete("/v1/migration-plans/" + plan).then().statusCode(409);
        // The runtime's question, answered.
        as(runtime(tenantA)).queryParam("from_version", 1).queryParam("channel", "web")
                .get("/v1/scenarios/" + scenario + "/migration-plans/applicable").then().statusCode(200)
                .body("plan.id", equalTo(plan)).body("plan.transformation_map.done.to_step", equalTo("finish"));
        as(runtime(tenantA)).queryParam("from_version", 1).queryParam("channel", "sms")
                .get("/v1/scenarios/" + scenario + "/migration-plans/applicable").then().statusCode(200).body("plan", nullValue());
        as(runtime(tenantA)).queryParam("from_version", 2).get("/v1/scenarios/" + scenario + "/migration-plans/applicable").then()
                .statusCode(200).body("plan", nullValue());
        // A second plan from the same version can be approved but not deployed beside the first.
        String second = as(admin).body(Map.of("from_version", 1)).post("/v1/scenarios/" + scenario + "/migration-plans/generate")
                .then().statusCode(201).extract().path("id");
        as(admin).post("/v1/migration-plans/" + second + "/approve").then().statusCode(200);
        as(admin).post("/v1/migration-plans/" + second + "/deploy").then().statusCode(409).body("errors[0].field", equalTo("from_version"));
        as(admin).post("/v1/migration-plans/" + second + "/reject").then().statusCode(200).body("status", equalTo("rejected"));
        as(admin).delete("/v1/migration-plans/" + second).then().statusCode(204);
        as(runtime(tenantA)).queryParam("status", "deployed").get("/v1/scenarios/" + scenario + "/migration-plans").then()
                .statusCode(200).body("items.id", equalTo(List.of(plan)));
    }

    @Test
    void plansAreValidatedNamingTheField() {
        String scenario = versionedScenario();
        String path = "/v1/scenarios/" + scenario + "/migration-plans";
        String admin = tenantAdmin(tenantA);
        Map<String, Object> full = Map.of("greet", Map.of("action", "restart"), "ask", Map.of("action", "map", "to_step", "ask"),
                "done", Map.of("action", "end"));
        as(admin).body(Map.of("from_version", 1, "to_version", 2, "transformation_map", Map.of("greet", Map.of("action", "restart"))))
                .post(path).then().statusCode(400).body("errors.field", hasItem("transformation_map"));
        as(admin).body(Map.of("from_version", 1, "to_version", 2, "transformation_map", Map.of("greet", Map.of("action", "restart"),
                "ask", Map.of("action", "map", "to_step", "nowhere"), "done", Map.of("action", "end")))).post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("transformation_map.ask.to_step"));
        as(admin).body(Map.of("from_version", 1, "to_version", 2, "transformation_map", Map.of("greet", Map.of("action", "restart"),
                "ask", Map.of("action", "map", "to_step", "ask"), "done", Map.of("action", "end"), "ghost", Map.of("action", "end"))))
                .post(path).then().statusCode(400).body("errors[0].field", equalTo("transformation_map.ghost"));
        as(admin).body(Map.of("from_version", 1, "to_version", 3, "transformation_map", full)).post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("to_version"));
        as(admin).body(Map.of("from_version", 2, "to_version", 2, "transformation_map", full)).post(path).then().statusCode(400)
                .body("errors.field", hasItem("from_version"));
        as(admin).body(Map.of("from_version", 1, "to_version", 2, "transformation_map", Map.of("greet", Map.of("action", "teleport"))))
                .post(path).then().statusCode(400).body("errors[0].field", equalTo("transformation_map.greet.action"));
        as(admin).body(Map.of("from_version", 1, "to_version", 2, "transformation_map", full, "anchor_policies",
                Map.of("unmapped_step", "map"))).post(path).then().statusCode(400).body("errors[0].field", equalTo("anchor_policies.unmapped_step"));
        as(runtime(tenantA)).get(path + "/applicable").then().statusCode(400).body("errors[0].field", equalTo("from_version"));
        as(admin).get(path).then().statusCode(200).body("items.size()", equalTo(0));
        as(admin).body(Map.of("from_version", 1, "to_version", 2, "transformation_map", full)).post(path).then().statusCode(201)
                .body("transformation_map.done.action", equalTo("end"));
    }

    @Test
    void anotherTenantCannotSeeOrMovePlans() {
        String scenario = versionedScenario();
        String plan = as(tenantAdmin(tenantA)).body(Map.of("from_version", 1)).post("/v1/scenarios/" + scenario + "/migration-plans/generate")
                .then().statusCode(201).extract().path("id");
        String b = tenantAdmin(tenantB);
        invisibleTo(b, r -> r.get("/v1/migration-plans/" + plan));
        invisibleTo(b, r -> r.body(Map.of("scope_filter", Map.of())).patch("/v1/migration-plans/" + plan));
        invisibleTo(b, r -> r.post("/v1/migration-plans/" + plan + "/approve"));
        invisibleTo(b, r -> r.post("/v1/migration-plans/" + plan + "/reject"));
        invisibleTo(b, r -> r.post("/v1/migration-plans/" + plan + "/deploy"));
        invisibleTo(b, r -> r.delete("/v1/migration-plans/" + plan));
        invisibleTo(b, r -> r.get("/v1/scenarios/" + scenario + "/migration-plans"));
        invisibleTo(b, r -> r.body(Map.of("from_version", 1)).post("/v1/scenarios/" + scenario + "/migration-plans/generate"));
        invisibleTo(b, r -> r.queryParam("from_version", 1).get("/v1/scenarios/" + scenario + "/migration-plans/applicable"));
        invisibleTo(b, r -> r.body(Map.of("from_version", 1, "to_version", 2, "transformation_map", Map.of("greet",
                Map.of("action", "end")))).post("/v1/scenarios/" + scenario + "/migration-plans"));
        as(tenantAdmin(tenantA)).get("/v1/migration-plans/" + plan).then().statusCode(200).body("status", equalTo("draft"));
        as(tenantAdmin(tenantA)).get("/v1/scenarios/" + scenario + "/migration-plans").then().statusCode(200).body("items.size()", equalTo(1));
    }
}
