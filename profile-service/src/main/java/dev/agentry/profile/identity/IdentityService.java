package dev.agentry.profile.identity;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.channel.ChannelKey;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.profile.base.ProfileLookup;
import dev.agentry.profile.base.ProfileRow;
import dev.agentry.profile.base.ProfileStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/**
 * The channel identities of a profile: linking more to it, listing, unlinking. An identity always
 * belongs to a live profile: a merge moves the identities of the merged profile, and linking to a
 * merged id links to its survivor. Resolving an identity to its profile is the {@code resolve}
 * package's.
 */
@ApplicationScoped
public class IdentityService {

    @Inject
    TenantTransactions tx;

    @Inject
    IdentityStore store;

    @Inject
    ProfileStore profiles;

    @Inject
    ProfileLookup lookup;

    @Inject
    TenantContext caller;

    /** Links another identity to a profile (its survivor, if merged); 409 when any profile has it. */
    public Uni<Identity> add(UUID profileId, IdentityCreate create) {
        ChannelKey key = create.key();
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> lookup.lockSurvivor(conn, tenant, profileId)
                .flatMap(profile -> attach(conn, tenant, profile, key, create.isVerified())));
    }

    /** Inserts an identity of a live profile in the caller's transaction, stamping the profile. */
    public Uni<Identity> attach(SqlConnection conn, UUID tenant, ProfileRow profile, ChannelKey key, boolean verified) {
        return store.insert(conn, tenant, Ids.newId(), profile.id(), key, verified)
                .call(identity -> profiles.touch(conn, tenant, profile.id()));
    }

    public Uni<Page<Identity>> list(UUID profileId, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> lookup.survivor(conn, tenant, profileId)
                .flatMap(profile -> store.list(conn, tenant, profile.id(), page)))
                .map(rows -> Page.of(rows, page, Identity::id));
    }

    public Uni<Identity> get(UUID profileId, UUID identityId) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> lookup.survivor(conn, tenant, profileId)
                .flatMap(profile -> store.find(conn, tenant, profile.id(), identityId)))
                .map(found -> found.orElseThrow(() -> NotFoundException.of("Identity", identityId)));
    }

    /** Unlinks an identity from the profile; a later resolve of it makes a new profile. */
    public Uni<Void> remove(UUID profileId, UUID identityId) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> lookup.lockSurvivor(conn, tenant, profileId)
                .flatMap(profile -> store.delete(conn, tenant, profile.id(), identityId).flatMap(deleted -> {
                    if (!deleted) {
                        throw NotFoundException.of("Identity", identityId);
                    }
                    return profiles.touch(conn, tenant, profile.id());
                }))).replaceWithVoid();
    }

    /** The live profile holding the identity, for search. */
    public Uni<Optional<ProfileRow>> profileOf(SqlConnection conn, UUID tenant, ChannelKey key) {
        return store.find(conn, tenant, key).map(found -> found.map(IdentityStore.Match::profile));
    }
}
