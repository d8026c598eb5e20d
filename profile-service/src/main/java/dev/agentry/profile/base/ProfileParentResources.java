package dev.agentry.profile.base;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.parent.ParentResources;
import dev.agentry.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;

/**
 * Every write of profile-service under {@code /v1/profiles/{id}} (the profile itself, its
 * identities, fields, assets, a merge into it) names the profile by {@code id}: common's
 * ParentFirstFilter answers 404 for one the caller cannot see before the body is read. A merged id
 * counts as its survivor, as everywhere ({@link ProfileLookup}).
 */
@ApplicationScoped
public class ProfileParentResources implements ParentResources {

    private static final Map<String, String> PARAMETERS = Map.of("id", "Profile");

    @Inject
    TenantTransactions tx;

    @Inject
    TenantContext caller;

    @Inject
    ProfileLookup profiles;

    @Override
    public Map<String, String> parameters() {
        return PARAMETERS;
    }

    @Override
    public Uni<Boolean> visible(String parameter, UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> profiles.survivor(conn, tenant, id).replaceWith(true))
                .onFailure(NotFoundException.class).recoverWithItem(false);
    }
}
