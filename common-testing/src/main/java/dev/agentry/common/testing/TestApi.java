package dev.agentry.common.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What every service's tests call the API with: a token per role, a JSON request as a token, a
 * body from key-value pairs, and the rows a tenant has (what "nothing was written" is checked by).
 * Each service's {@code *TestSupport} extends it with its own fixtures, so a test imports all of
 * them from one class.
 */
public class TestApi {

    // The role names of common's Roles (common-testing does not depend on common).
    private static final String TENANT_ADMIN = "tenant-admin";
    private static final String AGENT_RUNTIME = "agent-runtime";
    private static final String VIEWER = "viewer";
    private static final String AUDITOR = "auditor";
    private static final String PLATFORM_ADMIN = "platform-admin";

    protected TestApi() {
    }

    public static String admin(UUID tenant) {
        return TestTokens.forTenant(tenant, TENANT_ADMIN);
    }

    public static String runtime(UUID tenant) {
        return TestTokens.forTenant(tenant, AGENT_RUNTIME);
    }

    public static String viewer(UUID tenant) {
        return TestTokens.forTenant(tenant, VIEWER);
    }

    public static String auditor(UUID tenant) {
        return TestTokens.forTenant(tenant, AUDITOR);
    }

    public static String platform(UUID tenant) {
        return TestTokens.forTenant(tenant, PLATFORM_ADMIN);
    }

    /** A JSON request with {@code token} as its bearer. */
    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** {@code body("name", "x", "limit", 3)}: a JSON object in the order given. */
    public static Map<String, Object> body(Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    /**
     * Rows per table of {@code schema} that {@code tenant} has, read straight from the database as
     * the owner (RLS is forced on the owner too, so the tenant is bound for the session).
     */
    public static Map<String, Long> rowCounts(String schema, UUID tenant, List<String> tables) {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.migrations.jdbc.url", String.class);
        String user = config.getValue("quarkus.datasource.migrations.username", String.class);
        String password = config.getOptionalValue("quarkus.datasource.migrations.password", String.class).orElse("");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("SELECT set_config('app.tenant_id', '" + tenant + "', false)");
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : tables) {
                // Filtered explicitly too where the table has the column (an owner may have read
                // policies of its own, e.g. for text search); global tables are counted as RLS shows them.
                String where = hasTenantColumn(s, schema, table) ? " WHERE tenant_id = '" + tenant + "'" : "";
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + schema + "." + table + where)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
            return counts;
        } catch (Exception e) {
            throw new IllegalStateException("could not count rows of " + schema + " for tenant " + tenant, e);
        }
    }

    private static boolean hasTenantColumn(Statement s, String schema, String table) throws java.sql.SQLException {
        try (ResultSet rs = s.executeQuery("SELECT 1 FROM information_schema.columns WHERE table_schema = '" + schema
                + "' AND table_name = '" + table + "' AND column_name = 'tenant_id'")) {
            return rs.next();
        }
    }
}
