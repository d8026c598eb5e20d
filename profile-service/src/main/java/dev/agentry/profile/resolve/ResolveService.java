package dev.agentry.profile.resolve;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.ConflictException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.profile.ProfileServiceConfig;
import dev.agentry.common.channel.ChannelKey;
import dev.agentry.profile.identity.Identity;
import dev.agentry.profile.identity.IdentityCreate;
import dev.agentry.profile.identity.IdentityStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Resolving a channel identity to its profile, creating both when the identity is unknown: the
 * conversation runtime's call on every turn.
 */
@ApplicationScoped
public class ResolveService {

    @Inject
    TenantTransactions tx;

    @Inject
    IdentityStore store;

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
        boolean verified = request.isVerified();
        // Nearly every resolve is of a known identity: one self-binding statement answers it in one
        // round trip. Creating, or marking verified, takes the transaction (which looks again).
        return tx.withoutTenantOrTransaction(conn -> store.findInTenant(conn, tenant, key)).flatMap(found -> {
            if (found.isPresent() && (!verified || found.get().identity().verified())) {
                IdentityStore.Match match = found.get();
                return Uni.createFrom().item(new ResolveResult(false, match.profile().toProfile(), match.identity()));
            }
            return tx.inTenant(tenant, conn -> resolve(conn, tenant, key, verified, config.resolveAttempts()));
        });
    }

    private Uni<ResolveResult> resolve(SqlConnection conn, UUID tenant, ChannelKey key, boolean verified, int attemptsLeft) {
        return store.find(conn, tenant, key).flatMap(found -> {
            if (found.isPresent()) {
                IdentityStore.Match match = found.get();
                Uni<Identity> identity = verified && !match.identity().verified()
                        ? store.markVerified(conn, tenant, match.identity().id())
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
}
