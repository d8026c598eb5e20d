package dev.agentry.catalog;

import static dev.agentry.catalog.CatalogTestSupport.admin;
import static dev.agentry.catalog.CatalogTestSupport.as;
import static dev.agentry.catalog.CatalogTestSupport.body;
import static dev.agentry.catalog.CatalogTestSupport.offering;
import static dev.agentry.catalog.CatalogTestSupport.variant;
import static dev.agentry.catalog.CatalogTestSupport.viewer;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.persistence.EntityManagerFactory;
import java.util.Arrays;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Hibernate Reactive Panache and the plain reactive client side by side: Hibernate is reactive only
 * (no blocking EntityManagerFactory exists at runtime; the JDBC datasource is Flyway's), and a
 * by-hand comparison of one small tenant-filtered list read in each style.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PersistenceStylesTest extends TwoTenantTest {

    @Override
    protected String schema() {
        return "catalog";
    }

    @Test
    void hibernateIsReactiveOnly() {
        assertTrue(Arc.container().select(Mutiny.SessionFactory.class).isResolvable(), "Hibernate Reactive session factory");
        assertFalse(Arc.container().select(EntityManagerFactory.class).isResolvable(), "a blocking Hibernate ORM unit exists");
    }

    /**
     * {@code ./mvnw -pl catalog-service test -Dtest=PersistenceStylesTest -Dbench=true}: p50/p95 of
     * GET /v1/inventory/locations (Panache: withTransaction, set_config, HQL list) against GET
     * /v1/price-lists/{id}/prices (reactive client: TenantTransactions, set_config, SQL), each
     * listing 5 rows, over HTTP in process, one client. Prints; asserts nothing.
     */
    @Test
    @EnabledIfSystemProperty(named = "bench", matches = "true")
    void compareTheTwoStyles() {
        String v = variant(tenantA, offering(tenantA, null, "bench", "Bench", null, Map.of()), "BENCH-0");
        String list = as(admin(tenantA)).body(body("code", "bench-vnd", "currency", "VND")).post("/v1/price-lists")
                .then().statusCode(201).extract().path("id");
        for (int i = 0; i < 5; i++) {
            as(admin(tenantA)).body(body("code", "loc-" + i)).post("/v1/inventory/locations").then().statusCode(201);
            String variant = i == 0 ? v : variant(tenantA, offering(tenantA, null, "bench-" + i, "Bench", null, Map.of()), "BENCH-" + i);
            as(admin(tenantA)).body(body("variant_id", variant, "amount", 1000 + i)).put("/v1/price-lists/" + list + "/prices")
                    .then().statusCode(200);
        }
        String token = viewer(tenantA);
        for (int round = 0; round < 2; round++) {
            long[] panache = time(token, "/v1/inventory/locations", 2000);
            long[] sql = time(token, "/v1/price-lists/" + list + "/prices", 2000);
            System.out.printf("round %d: panache p50 %.2f ms p95 %.2f ms | sql p50 %.2f ms p95 %.2f ms%n", round,
                    pct(panache, 50), pct(panache, 95), pct(sql, 50), pct(sql, 95));
        }
    }

    private static long[] time(String token, String path, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            as(token).get(path).then().statusCode(200);
            out[i] = System.nanoTime() - start;
        }
        Arrays.sort(out);
        return out;
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
    }
}
