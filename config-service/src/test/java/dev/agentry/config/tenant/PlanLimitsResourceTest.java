package dev.agentry.config.tenant;

import static dev.agentry.config.ConfigTestSupport.as;
import static dev.agentry.config.ConfigTestSupport.createTenant;
import static dev.agentry.config.ConfigTestSupport.platformAdmin;
import static dev.agentry.config.ConfigTestSupport.tenantAdmin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.config.ConfigTwoTenantTest;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A tenant's plan limits are enforced, not just stored: config-service publishes them to Redis
 * when a tenant is made or changed, every service counts requests against them (429 past the
 * daily limit), and agent creation past {@code max_agents} is 403 plan-limit even when creates race.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PlanLimitsResourceTest extends ConfigTwoTenantTest {

    @Inject
    ReactiveRedisDataSource redis;

    private Map<String, String> published(UUID tenant) {
        return redis.hash(String.class).hgetall("agentry:plan:{" + tenant + "}").await().atMost(Duration.ofSeconds(5));
    }

    private static Map<String, Object> agent(String slug) {
        return Map.of("name", "Agent " + slug, "slug", slug, "system_prompt", "You help.");
    }

    @Test
    void aNewTenantsPlanIsPublishedAndAChangeAppliesAtTheNextRequest() {
        UUID tenant = createTenant("limits-publish", "free");
        assertEquals(Map.of("max_agents", "3", "max_daily_requests", "1000", "max_monthly_tokens", "1000000",
                "audit_retention_days", "30"), published(tenant));

        as(platformAdmin()).body(Map.of("limits", Map.of("max_agents", 3, "max_daily_requests", 2, "max_monthly_tokens", 500)))
                .patch("/v1/tenants/" + tenant).then().statusCode(200).body("limits.max_daily_requests", equalTo(2));
        assertEquals("2", published(tenant).get("max_daily_requests"));

        as(tenantAdmin(tenant)).get("/v1/agents").then().statusCode(200).header("RateLimit-Limit", "2")
                .header("RateLimit-Remaining", "1");
        as(tenantAdmin(tenant)).get("/v1/agents").then().statusCode(200).header("RateLimit-Remaining", "0");
        as(tenantAdmin(tenant)).get("/v1/agents").then().statusCode(429).contentType("application/problem+json")
                .body("type", containsString("rate-limit")).header("Retry-After", notNullValue());
        // Writes are refused too, and the other tenant is not affected.
        as(tenantAdmin(tenant)).body(agent("late")).post("/v1/agents").then().statusCode(429);
        as(tenantAdmin(tenantB)).get("/v1/agents").then().statusCode(200);
        // The platform raises the limit: the tenant is served again at once.
        as(platformAdmin()).body(Map.of("limits", Map.of("max_agents", 3, "max_daily_requests", 1000, "max_monthly_tokens", 500)))
                .patch("/v1/tenants/" + tenant).then().statusCode(200);
        as(tenantAdmin(tenant)).get("/v1/agents").then().statusCode(200).header("RateLimit-Limit", "1000");
    }

    @Test
    void tenParallelCreatesAgainstMaxAgentsThreeLeaveExactlyThree() throws Exception {
        UUID tenant = createTenant("limits-agents", "free");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String slug = "racer-" + i;
                answers.add(pool.submit(() -> as(tenantAdmin(tenant)).body(agent(slug)).post("/v1/agents").statusCode()));
            }
            int created = 0;
            int refused = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                created += status == 201 ? 1 : 0;
                refused += status == 403 ? 1 : 0;
            }
            assertEquals(3, created);
            assertEquals(7, refused);
        } finally {
            pool.shutdownNow();
        }
        as(tenantAdmin(tenant)).get("/v1/agents").then().statusCode(200).body("items.size()", equalTo(3));
        as(tenantAdmin(tenant)).body(agent("one-more")).post("/v1/agents").then().statusCode(403)
                .contentType("application/problem+json").body("type", containsString("plan-limit"))
                .body("errors[0].field", equalTo("max_agents"));
        // Another tenant's agents do not count against this one.
        as(tenantAdmin(tenantB)).body(agent("b-agent")).post("/v1/agents").then().statusCode(201);
    }
}
