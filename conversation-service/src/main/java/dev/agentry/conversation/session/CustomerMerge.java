package dev.agentry.conversation.session;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/**
 * profile-service merged {@code from_profile_id} into {@code to_profile_id}: the merged profile's
 * sessions and customer index follow the survivor.
 */
public record CustomerMerge(@NotNull UUID fromProfileId, @NotNull UUID toProfileId) {
}
