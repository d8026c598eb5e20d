package dev.agentry.config;

import dev.agentry.common.testing.TwoTenantTest;
import java.util.UUID;

/**
 * common-testing's two-tenant base as config-service needs it: the schema is {@code config}, and a
 * tenant is a row here, so the two tenants are created through the API ({@code POST /v1/tenants}).
 */
public abstract class ConfigTwoTenantTest extends TwoTenantTest {

    @Override
    protected String schema() {
        return "config";
    }

    @Override
    protected UUID newTenant(String name) {
        return ConfigTestSupport.createTenant(name);
    }
}
