package dev.agentry.profile.identity;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.ConflictException;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.profile.ProfileServiceConfig;
import dev.agentry.profile.profile.ProfileLookup;
import dev.agentry.profile.profile.ProfileRow;
import dev.agentry.profile.profile.ProfileStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/**
 * Channel identities: resolving one to its profile (creating both when unknown), linking more to a
 * profile, unlinking. An identity always belongs to a live profile: a merge moves the identities of
 * the merged profile, and linking to a merged id links to its survivor.
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

    @Inject
    ProfileServiceConfig config;

    /**
     * The profile of a channel identity, created with the identity when unknown. Safe under
     * concurrency: the first of many concurrent resolves of a new identity inserts it (with its
     * profile) and the others find it (see {@link IdentityStore#insertWithNewProfile}). A resolve
     * saying {@code verified: true} marks a known identity verified; it never un-verifies one.
     */
    public Uni<ResolveResult> resolve(IdentityCreate request) {
        ChannelKey key = request.key();
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> resolve(conn, tenant, key, request.isVerified(), config.resolveAttempts()));
    }

    private Uni<ResolveResult> resolve(SqlConnection conn, UUID tenant, ChannelKey key, boolean verified, int attemptsLeft) {
        return store.find(conn, tenant, key).flatMap(found -> {
            if (found.isPresent()) {
                IdentityStore.Match match = found.get();
                Uni<Identity> identity = verified && !match.identity().verified()
                        ? store.markVerified(conn, match.identity().id())
                        : Uni.createFrom().item(match.identity());
                return identity.map(i -> new ResolveResult(false, match.profile().toProfile(), i));
            }
            return store.insertWithNewProfile(conn, tenant, Ids.newId(), Ids.newId(), key, verified).flatMap(inserted -> {
                if (inserted.isPresent()) {
                    return Uni.createFrom().item(new ResolveResult(true, inserted.get().profile().toProfile(),
                            inserted.get().identity()));
                }
                // Another transaction committed this identity after our lookup: look again (a new
                // statement sees its commit). Only an erasure or unlink removing it in between makes
                // this loop, so it is bounded by a few attempts and then answers 409.
                if (attemptsLeft <= 1) {
                    throw new ConflictException("channel_user_id", "the identity is being changed concurrently; retry");
                }
                return resolve(conn, tenant, key, verified, attemptsLeft - 1);
            });
        });
    }

    /** Links another identity to a profile (its survivor, if merged); 409 when any profile has it. */
    public Uni<Identity> add(UUID profileId, IdentityCreate create) {
        ChannelKey key = create.key();
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> lookup.lockSurvivor(conn, profileId)
                .flatMap(profile -> attach(conn, tenant, profile, key, create.isVerified())));
    }

    /** Inserts an identity of a live profile in the caller's transaction, stamping the profile. */
    public Uni<Identity> attach(SqlConnection conn, UUID tenant, ProfileRow profile, ChannelKey key, boolean verified) {
        return store.insert(conn, tenant, Ids.newId(), profile.id(), key, verified)
                .call(identity -> profiles.touch(conn, profile.id()));
    }

    public Uni<Page<Identity>> list(UUID profileId, PageRequest page) {
        return tx.inTenant(caller.tenantId(), conn -> lookup.survivor(conn, profileId)
                .flatMap(profile -> store.list(conn, profile.id(), page)))
                .map(rows -> Page.of(rows, page, Identity::id));
    }

    public Uni<Identity> get(UUID profileId, UUID identityId) {
        return tx.inTenant(caller.tenantId(), conn -> lookup.survivor(conn, profileId)
                .flatMap(profile -> store.find(conn, profile.id(), identityId)))
                .map(found -> found.orElseThrow(() -> NotFoundException.of("Identity", identityId)));
    }

    /** Unlinks an identity from the profile; a later resolve of it makes a new profile. */
    public Uni<Void> remove(UUID profileId, UUID identityId) {
        return tx.inTenant(caller.tenantId(), conn -> lookup.lockSurvivor(conn, profileId)
                .flatMap(profile -> store.delete(conn, profile.id(), identityId).flatMap(deleted -> {
                    if (!deleted) {
                        throw NotFoundException.of("Identity", identityId);
                    }
                    return profiles.touch(conn, profile.id());
                }))).replaceWithVoid();
    }

    /** The live profile holding the identity, for search. */
    public Uni<Optional<ProfileRow>> profileOf(SqlConnection conn, UUID tenant, ChannelKey key) {
        return store.find(conn, tenant, key).map(found -> found.map(IdentityStore.Match::profile));
    }
}
