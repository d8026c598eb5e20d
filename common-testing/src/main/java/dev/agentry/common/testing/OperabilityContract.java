package dev.agentry.common.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every service answers without a token: readiness that checks PostgreSQL and Redis,
 * Prometheus metrics, an OpenAPI description of its own API, and problem+json for an unknown
 * path. A service's test extends it (annotated {@code @QuarkusTest} with its test resource) and
 * names a few paths its API description must hold.
 */
public abstract class OperabilityContract {

    /** Paths the service's OpenAPI document must describe, as written in its {@code @Path}s. */
    protected abstract List<String> documentedPaths();

    @Test
    void readinessChecksPostgresAndRedis() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems(containsString("Reactive PostgreSQL"), containsString("Redis")));
    }

    @Test
    void prometheusMetricsAreServed() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
    }

    @Test
    void openApiDescribesTheApi() {
        List<String> paths = documentedPaths();
        if (paths.isEmpty()) {
            throw new AssertionError("name at least one path the API description must hold");
        }
        var response = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200);
        for (String path : paths) {
            response.body("paths", hasKey(path));
        }
    }

    @Test
    void unknownPathIsProblemJson() {
        given().get("/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }
}
