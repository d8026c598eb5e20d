package dev.agentry.config.scenario;

import static dev.agentry.config.AgentConfigFixtures.createAgent;
import static dev.agentry.config.AgentConfigFixtures.createScenario;
import static dev.agentry.config.AgentConfigFixtures.invisibleTo;
import static dev.agentry.config.AgentConfigFixtures.runtime;
import static dev.agentry.config.AgentConfigFixtures.step;
import static dev.agentry.config.AgentConfigFixtures.viewer;
import static dev.agentry.config.ConfigTestSupport.as;
import static dev.agentry.config.ConfigTestSupport.tenantAdmin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
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
class ScenarioResourceTest extends ConfigTwoTenantTest {

    @Test
    void everyChangeToStepsMakesAVersionAndArchivesThePrevious() {
        String agent = createAgent(tenantA, "Journeys");
        String id = createScenario(tenantA, agent, "Refund journey");
        String admin = tenantAdmin(tenantA);
        as(viewer(tenantA)).get("/v1/scenarios/" + id).then().statusCode(200).body("entry_step_id", equalTo("greet"))
                .body("steps.id", contains("greet", "ask", "done"));
        // A name change is not a new version.
        as(admin).body(Map.of("name", "Refunds")).patch("/v1/scenarios/" + id).then().statusCode(200).body("version", equalTo(1));
        // New steps: version 2, version 1 archived.
        as(admin).body(Map.of("steps", List.of(step("hello", "Greeting", true, "ask"), step("ask", "Ask for the order", false, "done"),
                step("done", "Done", false)))).patch("/v1/scenarios/" + id).then().statusCode(200).body("version", equalTo(2))
                .body("entry_step_id", equalTo("hello"));
        // The same steps again change nothing.
        as(admin).body(Map.of("steps", List.of(step("hello", "Greeting", true, "ask"), step("ask", "Ask for the order", false, "done"),
                step("done", "Done", false)))).patch("/v1/scenarios/" + id).then().statusCode(200).body("version", equalTo(2));
        as(admin).body(Map.of("steps", List.of(step("hello", "Greeting", true, "done"), step("done", "Done", false))))
                .patch("/v1/scenarios/" + id).then().statusCode(200).body("version", equalTo(3));
        as(viewer(tenantA)).get("/v1/scenarios/" + id + "/versions/1").then().statusCode(200).body("current", equalTo(false))
                .body("scenario.version", equalTo(1)).body("scenario.steps.id", contains("greet", "ask", "done"))
                .body("scenario.name", equalTo("Refunds")).body("archived_at", org.hamcrest.Matchers.notNullValue());
        as(viewer(tenantA)).get("/v1/scenarios/" + id + "/versions/2").then().statusCode(200)
                .body("scenario.steps.id", contains("hello", "ask", "done"));
        as(viewer(tenantA)).get("/v1/scenarios/" + id + "/versions/3").then().statusCode(200).body("current", equalTo(true))
                .body("archived_at", nullValue());
        as(viewer(tenantA)).get("/v1/scenarios/" + id + "/versions/4").then().statusCode(404);
        as(viewer(tenantA)).get("/v1/scenarios/" + id + "/versions").then().statusCode(200).body("items.version", contains(3, 2, 1));
        as(viewer(tenantA)).queryParam("limit", 2).get("/v1/scenarios/" + id + "/versions").then().statusCode(200)
                .body("items.version", contains(3, 2));
        as(viewer(tenantA)).queryParam("before", 2).get("/v1/scenarios/" + id + "/versions").then().statusCode(200)
                .body("items.version", contains(1));
    }

    @Test
    void stepsAreValidatedNamingTheField() {
        String agent = createAgent(tenantA, "Validation");
        String path = "/v1/agents/" + agent + "/scenarios";
        String admin = tenantAdmin(tenantA);
        as(admin).body(Map.of("name", "dup", "steps", List.of(step("a", "A", true, "a"), step("a", "A2", false))))
                .post(path).then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("steps[1].id"));
        as(admin).body(Map.of("name", "dangling", "steps", List.of(step("a", "A", true, "nowhere"))))
                .post(path).then().statusCode(400).body("errors[0].field", equalTo("steps[0].transitions[0].to"));
        as(admin).body(Map.of("name", "no entry", "steps", List.of(step("a", "A", false)))).post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("steps"));
        as(admin).body(Map.of("name", "two entries", "steps", List.of(step("a", "A", true), step("b", "B", true)))).post(path)
                .then().statusCode(400).body("errors[0].field", equalTo("steps"));
        as(admin).body(Map.of("name", "unreachable", "steps", List.of(step("a", "A", true), step("b", "B", false))))
                .post(path).then().statusCode(400).body("errors[0].field", equalTo("steps[1]"));
        as(admin).body(Map.of("name", "empty", "steps", List.of())).post(path).then().statusCode(400).body("errors[0].field", equalTo("steps"));
        as(admin).body(Map.of("name", "bad id", "steps", List.of(step("a b", "A", true)))).post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("steps[0].id"));
        as(admin).body(Map.of("name", "unknown", "steps", List.of(Map.of("id", "a", "entry", true, "colour", "red")))).post(path)
                .then().statusCode(400).body("errors[0].field", equalTo("steps[0].colour"));
        as(admin).body(Map.of("name", "vec", "entry_condition", "x", "entry_embedding", new float[5], "embedding_model",
                "bge-small-en-v1.5-q", "steps", List.of(step("a", "A", true)))).post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("entry_embedding"));
        as(admin).body(Map.of("name", "vec", "entry_condition", "x", "entry_embedding", new float[384],
                "steps", List.of(step("a", "A", true)))).post(path).then().statusCode(400).body("errors[0].field", equalTo("embedding_model"));
        String id = createScenario(tenantA, agent, "ok");
        as(admin).body(Map.of("steps", List.of(step("a", "A", false)))).patch("/v1/scenarios/" + id).then().statusCode(400);
        as(viewer(tenantA)).get("/v1/scenarios/" + id).then().statusCode(200).body("version", equalTo(1));
        as(admin).get(path).then().statusCode(200).body("items.size()", equalTo(1));
    }

    @Test
    void entryConditionsMatchLikeRules() {
        String agent = createAgent(tenantA, "Matcher");
        String path = "/v1/agents/" + agent + "/scenarios";
        for (var e : Map.of("Refund", "The customer wants to return a product and get a refund",
                "Delivery", "The customer asks about delivery status of an order",
                "Account", "The customer wants to close their account").entrySet()) {
            as(tenantAdmin(tenantA)).body(Map.of("name", e.getKey(), "entry_condition", e.getValue(), "steps",
                    List.of(step("start", "Start", true)))).post(path).then().statusCode(201);
        }
        as(tenantAdmin(tenantA)).body(Map.of("name", "No condition", "steps", List.of(step("s", "S", true)))).post(path).then().statusCode(201);
        as(runtime(tenantA)).body(Map.of("message", "my parcel hasn't been delivered yet", "top_k", 3)).post(path + "/match").then()
                .statusCode(200).body("items[0].name", equalTo("Delivery")).body("items.size()", equalTo(3))
                .body("items[0].entry_step_id", equalTo("start")).body("strategy", equalTo("exact"))
                .body("embedding_model", equalTo("bge-small-en-v1.5-q"));
        as(runtime(tenantA)).body(Map.of("message", "I'd like my money back for these shoes", "strategy", "index")).post(path + "/match")
                .then().statusCode(200).body("items[0].name", equalTo("Refund")).body("strategy", equalTo("index"));
        as(runtime(tenantA)).body(Map.of("message", "I'd like my money back", "strategy", "hnsw")).post(path + "/match")
                .then().statusCode(200).body("strategy", equalTo("index"));
        as(runtime(tenantA)).body(Map.of("embedding", new float[384])).post(path + "/match").then().statusCode(400)
                .body("errors[0].field", equalTo("embedding_model"));
    }

    @Test
    void anotherTenantCannotSeeOrChangeScenarios() {
        String agent = createAgent(tenantA, "Private");
        String id = createScenario(tenantA, agent, "Secret");
        String b = tenantAdmin(tenantB);
        invisibleTo(b, r -> r.get("/v1/scenarios/" + id));
        invisibleTo(b, r -> r.body(Map.of("name", "stolen")).patch("/v1/scenarios/" + id));
        invisibleTo(b, r -> r.delete("/v1/scenarios/" + id));
        invisibleTo(b, r -> r.get("/v1/scenarios/" + id + "/versions"));
        invisibleTo(b, r -> r.get("/v1/scenarios/" + id + "/versions/1"));
        invisibleTo(b, r -> r.get("/v1/agents/" + agent + "/scenarios"));
        invisibleTo(b, r -> r.body(Map.of("name", "x", "steps", List.of(step("a", "A", true)))).post("/v1/agents/" + agent + "/scenarios"));
        invisibleTo(b, r -> r.body(Map.of("message", "refund")).post("/v1/agents/" + agent + "/scenarios/match"));
        as(tenantAdmin(tenantA)).get("/v1/scenarios/" + id).then().statusCode(200).body("name", equalTo("Secret"));
        as(tenantAdmin(tenantA)).delete("/v1/scenarios/" + id).then().statusCode(204);
        as(tenantAdmin(tenantA)).get("/v1/scenarios/" + id).then().statusCode(404);
    }
}
