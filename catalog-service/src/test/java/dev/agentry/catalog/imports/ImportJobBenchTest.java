package dev.agentry.catalog.imports;

import static dev.agentry.catalog.CatalogTestSupport.admin;
import static dev.agentry.catalog.CatalogTestSupport.as;
import static dev.agentry.catalog.CatalogTestSupport.body;
import static dev.agentry.catalog.CatalogTestSupport.viewer;
import static io.restassured.RestAssured.given;

import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * By hand: {@code ./mvnw -B -q -o -pl catalog-service test -Dtest=ImportJobBenchTest -Dbench=true -Dai.djl.offline=true}.
 * The import rate of {@code bench.rows} (1,000) CSV rows, each a new offering (published: embedded
 * in process), a variant, its price and its stock, from upload to completed; then the same file
 * again (every row compared, nothing written). Prints; asserts nothing.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ImportJobBenchTest extends TwoTenantTest {

    @Override
    protected String schema() {
        return "catalog";
    }

    @Test
    @EnabledIfSystemProperty(named = "bench", matches = "true")
    void importRate() throws InterruptedException {
        int rows = Integer.getInteger("bench.rows", 1000);
        as(admin(tenantA)).body(body("code", "retail", "currency", "VND")).post("/v1/price-lists").then().statusCode(201);
        as(admin(tenantA)).body(body("code", "hcm", "type", "warehouse")).post("/v1/inventory/locations").then().statusCode(201);
        StringBuilder csv = new StringBuilder("code,name,description,sku,price_list,amount,location,stock_qty\n");
        for (int i = 0; i < rows; i++) {
            csv.append("apt-").append(i).append(",Căn hộ ").append(i).append(" quận ").append(i % 12 + 1)
                    .append(",\"Two bedrooms, balcony, near the river\",APT-").append(i).append(",retail,")
                    .append(1_500_000_000L + i * 1000L).append(",hcm,").append(i % 7 + 1).append('\n');
        }
        for (String round : new String[] { "first import", "same file again" }) {
            long start = System.nanoTime();
            String job = given().auth().oauth2(admin(tenantA)).contentType("text/csv; charset=UTF-8").body(csv.toString())
                    .post("/v1/import-jobs?kind=offerings").then().statusCode(201).extract().path("id");
            JsonPath j;
            do {
                Thread.sleep(100);
                j = as(viewer(tenantA)).get("/v1/import-jobs/" + job).then().statusCode(200).extract().jsonPath();
            } while (j.getString("status").equals("pending") || j.getString("status").equals("processing"));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "bench import, %s: %d rows, %s, %d errors, %.1f s, %.1f rows/s%n", round, rows,
                    j.getString("status"), j.getInt("error_count"), seconds, rows / seconds);
        }
    }
}
