package dev.agentry.common.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Empties a service's schema between test classes (as the migration owner, through the JDBC
 * datasource the service migrates with), keeping Flyway's history.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static void truncate(String schema) {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.migrations.jdbc.url", String.class);
        String user = config.getValue("quarkus.datasource.migrations.username", String.class);
        String password = config.getOptionalValue("quarkus.datasource.migrations.password", String.class).orElse("");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = '" + schema
                    + "' AND tablename NOT LIKE 'flyway%'")) {
                while (rs.next()) {
                    tables.add(schema + "." + rs.getString(1));
                }
            }
            if (!tables.isEmpty()) {
                s.execute("TRUNCATE " + String.join(", ", tables) + " CASCADE");
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not clean schema " + schema, e);
        }
    }
}
