package dev.agentry.memory;

import static io.restassured.RestAssured.given;

import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Shared steps of memory-service tests: tokens of random tenants (tenants live in config-service), row counts. */
public final class MemoryTestSupport {

    public static final String PROBLEM = "application/problem+json";

    private MemoryTestSupport() {
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** The agent runtime of {@code tenant}: writes and reads memory. */
    public static String runtime(UUID tenant) {
        return TestTokens.forTenant(tenant, Roles.AGENT_RUNTIME);
    }

    public static String admin(UUID tenant) {
        return TestTokens.forTenant(tenant, Roles.TENANT_ADMIN);
    }

    public static String viewer(UUID tenant) {
        return TestTokens.forTenant(tenant, Roles.VIEWER);
    }

    /** A vector of the deployment's width, pointing mostly along one axis. */
    public static float[] unitVector(int axis) {
        float[] v = new float[384];
        Arrays.fill(v, 0.01f);
        v[axis] = 1f;
        return v;
    }

    /**
     * Rows of each memory table held by {@code tenant}, read as the owner with the tenant bound (RLS
     * forced applies to the owner too): what a "nothing was written" assertion compares.
     */
    public static Map<String, Long> rowCounts(UUID tenant) {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.migrations.jdbc.url", String.class);
        String user = config.getValue("quarkus.datasource.migrations.username", String.class);
        String password = config.getOptionalValue("quarkus.datasource.migrations.password", String.class).orElse("");
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("SET search_path = memory, public");
            s.execute("SELECT set_config('app.tenant_id', '" + tenant + "', false)");
            for (String table : new String[] { "episodes", "entities", "relationships", "collections", "documents", "chunks",
                    "rag_queries", "retention_policies" }) {
                // Filtered explicitly: the owner also has a read-only policy (V2 migration, text search).
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table + " WHERE tenant_id = '" + tenant + "'")) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }
}
