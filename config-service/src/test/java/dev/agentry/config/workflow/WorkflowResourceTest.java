package dev.agentry.config.workflow;

import static dev.agentry.config.AgentConfigFixtures.createAgent;
import static dev.agentry.config.AgentConfigFixtures.invisibleTo;
import static dev.agentry.config.AgentConfigFixtures.viewer;
import static dev.agentry.config.ConfigTestSupport.as;
import static dev.agentry.config.ConfigTestSupport.tenantAdmin;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.config.ConfigTwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WorkflowResourceTest extends ConfigTwoTenantTest {

    private static Map<String, Object> step(String id, String agent, String... deps) {
        return Map.of("id", id, "agent_id", agent, "depends_on", List.of(deps));
    }

    @Test
    void aDagOfTheTenantsAgentsIsStoredAndVersioned() {
        String intake = createAgent(tenantA, "Intake");
        String billing = createAgent(tenantA, "Billing");
        String id = as(tenantAdmin(tenantA)).body(Map.of("name", "Refund flow", "slug", "refund-flow", "timeout_seconds", 120,
                "retry_config", Map.of("max_attempts", 3, "backoff_seconds", 5), "tags", List.of("refunds"),
                "definition", Map.of("steps", List.of(step("intake", intake), step("bill", billing, "intake"),
                        step("notify", intake, "intake", "bill"))))).post("/v1/workflows").then().statusCode(201)
                .body("status", equalTo("draft")).body("version", equalTo(1)).body("agent_ids", containsInAnyOrder(intake, billing))
                .body("retry_config.max_attempts", equalTo(3)).extract().path("id");
        as(tenantAdmin(tenantA)).body(Map.of("status", "active")).patch("/v1/workflows/" + id).then().statusCode(200)
                .body("status", equalTo("active")).body("version", equalTo(1));
        as(tenantAdmin(tenantA)).body(Map.of("definition", Map.of("steps", List.of(step("intake", intake))))).patch("/v1/workflows/" + id)
                .then().statusCode(200).body("version", equalTo(2)).body("agent_ids", equalTo(List.of(intake)));
        as(viewer(tenantA)).queryParam("status", "active").get("/v1/workflows").then().statusCode(200).body("items.id", hasItem(id));
        as(tenantAdmin(tenantA)).delete("/v1/workflows/" + id).then().statusCode(204);
        as(viewer(tenantA)).get("/v1/workflows/" + id).then().statusCode(404);
    }

    @Test
    void definitionsAreValidatedNamingTheField() {
        String a = createAgent(tenantA, "A");
        String foreign = createAgent(tenantB, "Foreign");
        String admin = tenantAdmin(tenantA);
        as(admin).body(Map.of("name", "c", "slug", "cycle", "definition", Map.of("steps", List.of(step("x", a, "z"), step("y", a, "x"),
                step("z", a, "y"))))).post("/v1/workflows").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("definition.steps"));
        as(admin).body(Map.of("name", "c", "slug", "self", "definition", Map.of("steps", List.of(step("x", a, "x"))))).post("/v1/workflows")
                .then().statusCode(400).body("errors[0].field", equalTo("definition.steps[0].depends_on[0]"));
        as(admin).body(Map.of("name", "c", "slug", "dangling", "definition", Map.of("steps", List.of(step("x", a, "ghost")))))
                .post("/v1/workflows").then().statusCode(400).body("errors[0].field", equalTo("definition.steps[0].depends_on[0]"));
        as(admin).body(Map.of("name", "c", "slug", "dup", "definition", Map.of("steps", List.of(step("x", a), step("x", a)))))
                .post("/v1/workflows").then().statusCode(400).body("errors[0].field", equalTo("definition.steps[1].id"));
        as(admin).body(Map.of("name", "c", "slug", "unknown", "definition", Map.of("steps", List.of(step("x", UUID.randomUUID().toString())))))
                .post("/v1/workflows").then().statusCode(400).body("errors[0].field", equalTo("definition.steps[0].agent_id"));
        as(admin).body(Map.of("name", "c", "slug", "foreign", "definition", Map.of("steps", List.of(step("x", foreign)))))
                .post("/v1/workflows").then().statusCode(400).body("errors[0].field", equalTo("definition.steps[0].agent_id"));
        as(admin).body(Map.of("name", "c", "slug", "t", "timeout_seconds", 0, "definition", Map.of("steps", List.of(step("x", a)))))
                .post("/v1/workflows").then().statusCode(400).body("errors[0].field", equalTo("timeout_seconds"));
        as(admin).body(Map.of("name", "c", "slug", "r", "retry_config", Map.of("max_attempts", 0), "definition",
                Map.of("steps", List.of(step("x", a))))).post("/v1/workflows").then().statusCode(400)
                .body("errors[0].field", equalTo("retry_config.max_attempts"));
        as(admin).get("/v1/workflows").then().statusCode(200).body("items.size()", equalTo(0));
        as(admin).body(Map.of("name", "ok", "slug", "ok", "definition", Map.of("steps", List.of(step("x", a))))).post("/v1/workflows")
                .then().statusCode(201);
        as(admin).body(Map.of("name", "ok2", "slug", "ok", "definition", Map.of("steps", List.of(step("x", a))))).post("/v1/workflows")
                .then().statusCode(409).body("errors[0].field", equalTo("slug"));
    }

    @Test
    void anotherTenantCannotSeeOrChangeWorkflows() {
        String a = createAgent(tenantA, "A");
        String id = as(tenantAdmin(tenantA)).body(Map.of("name", "p", "slug", "private", "definition", Map.of("steps", List.of(step("x", a)))))
                .post("/v1/workflows").then().statusCode(201).extract().path("id");
        String b = tenantAdmin(tenantB);
        invisibleTo(b, r -> r.get("/v1/workflows/" + id));
        invisibleTo(b, r -> r.body(Map.of("name", "stolen")).patch("/v1/workflows/" + id));
        invisibleTo(b, r -> r.delete("/v1/workflows/" + id));
        as(b).get("/v1/workflows").then().statusCode(200).body("items.size()", equalTo(0));
        as(viewer(tenantA)).get("/v1/workflows/" + id).then().statusCode(200).body("name", equalTo("p"));
    }
}
