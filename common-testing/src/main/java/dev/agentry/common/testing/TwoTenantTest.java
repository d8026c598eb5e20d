package dev.agentry.common.testing;

import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of every HTTP resource test: a class works on two fresh tenants, A acts and B is the
 * other tenant whose token must neither see nor change A's data (404, empty lists). The service's
 * schema is emptied once per class; the tenants are made before the first test, when the
 * application is up (not in a static {@code @BeforeAll}), so a service whose tenants are rows
 * (config-service) can create them through its own API by overriding {@link #newTenant(String)}.
 * Every answer the test receives is held to the service's OpenAPI document
 * ({@link OpenApiResponseValidator}).
 */
public abstract class TwoTenantTest {

    /** The tenant that acts. */
    protected static UUID tenantA;
    /** The other tenant: never sees nor changes what A has. */
    protected static UUID tenantB;

    private static Class<?> preparedFor;

    /** The service's schema, emptied before the class runs. */
    protected abstract String schema();

    /**
     * A new tenant named after {@code name}: a random id by default (services that keep no tenant
     * rows trust the token's {@code tenant_id}); config-service creates it through its API.
     */
    protected UUID newTenant(String name) {
        return UUID.randomUUID();
    }

    @BeforeAll
    static void forgetTenants() {
        OpenApiResponseValidator.install();
        tenantA = null;
        tenantB = null;
        preparedFor = null;
    }

    @BeforeEach
    void prepareTenants() {
        if (preparedFor != getClass()) {
            TestDatabase.truncate(schema());
            String prefix = getClass().getSimpleName().replace("ResourceTest", "").replace("Test", "")
                    .toLowerCase(Locale.ROOT);
            tenantA = newTenant(prefix + "-a");
            tenantB = newTenant(prefix + "-b");
            preparedFor = getClass();
        }
    }

    /** A token of tenant A with {@code roles}. */
    protected static String tokenA(String... roles) {
        return TestTokens.forTenant(tenantA, roles);
    }

    /** A token of tenant B with {@code roles}. */
    protected static String tokenB(String... roles) {
        return TestTokens.forTenant(tenantB, roles);
    }
}
