package dev.agentry.profile.asset;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.profile.base.ProfileLookup;
import dev.agentry.profile.base.ProfileStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** A profile's assets; a merged id reaches its survivor's. */
@ApplicationScoped
public class AssetService {

    @Inject
    TenantTransactions tx;

    @Inject
    AssetStore store;

    @Inject
    ProfileStore profiles;

    @Inject
    ProfileLookup lookup;

    @Inject
    TenantContext caller;

    public Uni<Asset> create(UUID profileId, AssetCreate create) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> lookup.lockSurvivor(conn, tenant, profileId)
                .flatMap(profile -> store.insert(conn, tenant, Ids.newId(), profile.id(), create)
                        .call(asset -> profiles.touch(conn, tenant, profile.id()))));
    }

    public Uni<Asset> get(UUID profileId, UUID assetId) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> lookup.survivor(conn, tenant, profileId)
                .flatMap(profile -> store.find(conn, tenant, profile.id(), assetId)))
                .map(found -> found.orElseThrow(() -> NotFoundException.of("Asset", assetId)));
    }

    public Uni<Page<Asset>> list(UUID profileId, String type, PageRequest page) {
        if (type != null && !type.matches(AssetCreate.TYPE)) {
            throw new ValidationException("asset_type", "must be a lower-case asset type such as order or image");
        }
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> lookup.survivor(conn, tenant, profileId)
                .flatMap(profile -> store.list(conn, tenant, profile.id(), type, page)))
                .map(rows -> Page.of(rows, page, Asset::id));
    }

    public Uni<Void> delete(UUID profileId, UUID assetId) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> lookup.lockSurvivor(conn, tenant, profileId)
                .flatMap(profile -> store.delete(conn, tenant, profile.id(), assetId).flatMap(deleted -> {
                    if (!deleted) {
                        throw NotFoundException.of("Asset", assetId);
                    }
                    return profiles.touch(conn, tenant, profile.id());
                }))).replaceWithVoid();
    }
}
