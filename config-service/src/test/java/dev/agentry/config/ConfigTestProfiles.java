package dev.agentry.config;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.QuarkusTestProfile.TestResourceEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;

/** config-service's test profiles, in one place. */
public final class ConfigTestProfiles {

    public static final Path BOOTSTRAP_FILE = Path.of("target", "bootstrap", "platform-admin.key").toAbsolutePath();

    private ConfigTestProfiles() {
    }

    /** A first start of a local suite: the bootstrap is on, against an emptied schema. */
    public static class FirstStart implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("agentry.config.bootstrap.enabled", "true",
                    "agentry.config.bootstrap.credential-file", BOOTSTRAP_FILE.toString());
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EmptySchema.class));
        }
    }

    /** Empties schema config (if it exists yet) and the credential file before the application starts. */
    public static class EmptySchema implements io.quarkus.test.common.QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            String host = System.getenv().getOrDefault("AGENTRY_DB_HOST", "127.0.0.1");
            String db = System.getenv().getOrDefault("AGENTRY_TEST_DB_NAME", "agentry_test");
            try (var c = DriverManager.getConnection("jdbc:postgresql://" + host + ":5432/" + db,
                    System.getenv().getOrDefault("AGENTRY_DB_OWNER_USER", "agentry_owner"),
                    System.getenv().getOrDefault("AGENTRY_DB_OWNER_PASSWORD", "agentry_owner"));
                    var s = c.createStatement()) {
                s.execute("DO $$ BEGIN IF to_regclass('config.tenants') IS NOT NULL THEN "
                        + "TRUNCATE config.tenants CASCADE; END IF; END $$");
                Files.deleteIfExists(BOOTSTRAP_FILE);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return Map.of();
        }

        @Override
        public void stop() {
        }
    }
}
