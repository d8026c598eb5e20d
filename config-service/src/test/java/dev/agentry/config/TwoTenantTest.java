package dev.agentry.config;

import static dev.agentry.config.ConfigTestSupport.createTenant;

import dev.agentry.common.testing.TestDatabase;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test class that works on two fresh tenants: A acts, and B is the other tenant whose token must
 * neither see nor change A's rows. The schema is emptied once per class; the tenants are made
 * through the API before the first test (the application is up by then, not yet in a static
 * {@code @BeforeAll}).
 */
public abstract class TwoTenantTest {

    protected static UUID tenantA;
    protected static UUID tenantB;

    @BeforeAll
    static void emptySchema() {
        TestDatabase.truncate("config");
        tenantA = null;
    }

    @BeforeEach
    void createTenants() {
        if (tenantA == null) {
            String prefix = getClass().getSimpleName().replace("Test", "").toLowerCase(Locale.ROOT);
            tenantA = createTenant(prefix + "-a");
            tenantB = createTenant(prefix + "-b");
        }
    }
}
