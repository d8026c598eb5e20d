package dev.agentry.profile.merge;

import dev.agentry.profile.view.ProfileView;
import java.util.UUID;

/**
 * What a merge did: the survivor, the duplicate that became its tombstone, how many identities,
 * field values (history included) and assets moved, and the survivor's view. A repeated merge
 * answers {@code already_merged: true} and moves nothing.
 */
public record MergeResult(
        UUID survivorId,
        UUID duplicateId,
        boolean alreadyMerged,
        int identitiesMoved,
        int fieldValuesMoved,
        int assetsMoved,
        int redirectsCompressed,
        ProfileView profile) {
}
