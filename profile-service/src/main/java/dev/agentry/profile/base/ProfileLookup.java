package dev.agentry.profile.base;

import dev.agentry.common.error.NotFoundException;
import dev.agentry.profile.ProfileServiceConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Finds the live profile an id stands for: the profile itself, or, once it was merged, its
 * survivor. Every endpoint that takes a profile id goes through here, which is what makes a merged
 * id answer as its survivor everywhere.
 */
@ApplicationScoped
public class ProfileLookup {

    @Inject
    ProfileStore store;

    @Inject
    ProfileServiceConfig config;

    /** The live profile {@code id} stands for; 404 when there is none (never was, erased, another tenant's). */
    public Uni<ProfileRow> survivor(SqlConnection conn, UUID tenantId, UUID id) {
        return store.findFollowingMerges(conn, tenantId, id, config.maxMergeDepth())
                .map(found -> live(found.orElse(null), id));
    }

    /**
     * The live profile {@code id} stands for, locked until the transaction ends, so that a write
     * and a merge or erasure of the same profile run one after the other. If a merge turned it into
     * a tombstone while this waited for the lock, the redirect is followed (and locked) instead.
     */
    public Uni<ProfileRow> lockSurvivor(SqlConnection conn, UUID tenantId, UUID id) {
        return survivor(conn, tenantId, id).flatMap(found -> lock(conn, tenantId, id, found.id(), config.maxMergeDepth()));
    }

    private Uni<ProfileRow> lock(SqlConnection conn, UUID tenantId, UUID requested, UUID candidate, int hopsLeft) {
        return store.lock(conn, tenantId, candidate).flatMap(locked -> {
            ProfileRow row = locked.orElseThrow(() -> NotFoundException.of("Profile", requested));
            if (!row.isTombstone()) {
                return Uni.createFrom().item(row);
            }
            if (hopsLeft == 0) {
                throw damaged(requested);
            }
            return lock(conn, tenantId, requested, row.mergedIntoId(), hopsLeft - 1);
        });
    }

    private ProfileRow live(ProfileRow found, UUID requested) {
        if (found == null) {
            throw NotFoundException.of("Profile", requested);
        }
        if (found.isTombstone()) {
            throw damaged(requested);
        }
        return found;
    }

    private IllegalStateException damaged(UUID requested) {
        return new IllegalStateException("merge redirects from profile " + requested + " are longer than "
                + config.maxMergeDepth() + " hops: merges compress chains, so the data was changed outside the service");
    }
}
