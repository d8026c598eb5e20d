package dev.agentry.profile.merge;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.events.DomainEvent;
import dev.agentry.common.events.DomainEventPublisher;
import dev.agentry.common.error.ConflictException;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.profile.asset.AssetStore;
import dev.agentry.profile.base.ProfileLookup;
import dev.agentry.profile.base.ProfileRow;
import dev.agentry.profile.base.ProfileStore;
import dev.agentry.profile.fieldvalue.FieldStore;
import dev.agentry.profile.identity.IdentityStore;
import dev.agentry.profile.view.ProfileViews;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Merging profile B (the duplicate) into A (the survivor), in one transaction:
 * <ul>
 * <li>B's identities, field values (history included, still valid values stay valid and compete
 * with A's by precedence) and assets move to A;</li>
 * <li>B stays as a tombstone, {@code merged_into_id = A}, and every tombstone that pointed at B now
 * points at A (chain compression: C into B into A leaves C and B both one hop from A). Every id
 * lookup follows the redirect, and identities never sit on a tombstone, so B, its identities and
 * its external id all answer with A from then on;</li>
 * <li>B's external id moves to A if A has none, otherwise B keeps it and lookups by it redirect.</li>
 * </ul>
 * Both ids are resolved first, so merging into or from a merged id means its survivor. Merging B
 * into A again is idempotent (200, nothing moved). Asking for the reverse, A into B after B went
 * into A, would make a cycle and is refused (409), like merging a profile into itself. Another
 * tenant's id is unknown here (404): row-level security hides it and the composite foreign key
 * {@code (tenant_id, merged_into_id)} would refuse it anyway. The two live rows are locked in id
 * order, so concurrent merges serialise without deadlock; if one became a tombstone while this
 * waited, resolution starts again. Unmerge is not offered: moved rows do not remember their origin.
 */
@ApplicationScoped
public class MergeService {

    private static final Logger LOG = Logger.getLogger(MergeService.class);
    private static final int LOCK_ATTEMPTS = 3;

    @Inject
    TenantTransactions tx;

    @Inject
    ProfileStore profiles;

    @Inject
    IdentityStore identities;

    @Inject
    FieldStore fields;

    @Inject
    AssetStore assets;

    @Inject
    ProfileLookup lookup;

    @Inject
    ProfileViews views;

    @Inject
    TenantContext caller;

    @Inject
    DomainEventPublisher events;

    @Inject
    MeterRegistry metrics;

    public Uni<MergeResult> merge(UUID survivorId, MergeRequest request) {
        UUID duplicateId = request.duplicateId();
        if (survivorId.equals(duplicateId)) {
            throw new ConflictException("duplicate_id", "a profile cannot be merged into itself");
        }
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> merge(conn, tenant, survivorId, duplicateId, LOCK_ATTEMPTS))
                .call(result -> announce(tenant, result));
    }

    /**
     * Tells the other services, after the commit, through the event stream: conversation-service
     * moves the merged profile's sessions to the survivor. A repeated merge announces again, which
     * is how a lost announcement is made good; a stream that is down does not undo the merge (it
     * is logged and counted in {@code agentry_profile_merge_unannounced_total}).
     */
    private Uni<Void> announce(UUID tenant, MergeResult result) {
        return events.publish(DomainEvent.of(DomainEvent.PROFILE_MERGED, tenant, Map.of("from_profile_id",
                result.duplicateId().toString(), "to_profile_id", result.survivorId().toString())))
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("merge of %s into %s not announced: %s", result.duplicateId(), result.survivorId(), e.toString());
                    metrics.counter("agentry.profile.merge.unannounced").increment();
                    return null;
                });
    }

    private Uni<MergeResult> merge(SqlConnection conn, UUID tenant, UUID survivorId, UUID duplicateId, int attemptsLeft) {
        return lookup.survivor(conn, tenant, survivorId).flatMap(survivor -> lookup.survivor(conn, tenant, duplicateId)
                .flatMap(duplicate -> merge(conn, tenant, survivor, duplicate, survivorId, duplicateId, attemptsLeft)));
    }

    /** Merges the live profiles the two requested ids stand for. */
    private Uni<MergeResult> merge(SqlConnection conn, UUID tenant, ProfileRow survivor, ProfileRow duplicate, UUID survivorId,
            UUID duplicateId, int attemptsLeft) {
        if (survivor.id().equals(duplicate.id())) {
            if (!duplicate.id().equals(duplicateId)) {
                // The duplicate already redirects to this survivor: a repeated merge.
                return views.view(conn, tenant, survivor, survivorId)
                        .map(view -> new MergeResult(survivor.id(), duplicateId, true, 0, 0, 0, 0, view));
            }
            throw new ConflictException("duplicate_id", "profile " + survivorId + " was merged into " + duplicateId
                    + "; merging " + duplicateId + " into it would make a cycle");
        }
        return profiles.lockAll(conn, tenant, List.of(survivor.id(), duplicate.id())).flatMap(locked -> {
            boolean stillLive = locked.size() == 2 && locked.stream().noneMatch(ProfileRow::isTombstone);
            if (!stillLive) {
                if (attemptsLeft <= 1) {
                    throw new ConflictException("duplicate_id", "the profiles are being merged concurrently; retry");
                }
                return merge(conn, tenant, survivorId, duplicateId, attemptsLeft - 1);
            }
            ProfileRow s = locked.stream().filter(r -> r.id().equals(survivor.id())).findFirst().orElseThrow();
            ProfileRow d = locked.stream().filter(r -> r.id().equals(duplicate.id())).findFirst().orElseThrow();
            return move(conn, tenant, s, d, survivorId, duplicateId);
        });
    }

    private Uni<MergeResult> move(SqlConnection conn, UUID tenant, ProfileRow survivor, ProfileRow duplicate,
            UUID requestedSurvivor, UUID requestedDuplicate) {
        String externalIdToMove = survivor.externalId() == null ? duplicate.externalId() : null;
        return identities.reassign(conn, tenant, duplicate.id(), survivor.id())
                .flatMap(movedIdentities -> fields.reassign(conn, tenant, duplicate.id(), survivor.id())
                        .flatMap(movedFields -> assets.reassign(conn, tenant, duplicate.id(), survivor.id())
                                .flatMap(movedAssets -> profiles.markMerged(conn, tenant, duplicate.id(), survivor.id(),
                                        externalIdToMove)
                                        .flatMap(compressed -> profiles.touch(conn, tenant, survivor.id())
                                                .flatMap(updated -> views.view(conn, tenant, updated, requestedSurvivor))
                                                .map(view -> {
                                                    LOG.infof("Merged profile %s into %s: %d identities, %d field values, "
                                                            + "%d assets moved", duplicate.id(), survivor.id(),
                                                            movedIdentities, movedFields, movedAssets);
                                                    return new MergeResult(survivor.id(), requestedDuplicate, false,
                                                            movedIdentities, movedFields, movedAssets, compressed, view);
                                                })))));
    }
}
