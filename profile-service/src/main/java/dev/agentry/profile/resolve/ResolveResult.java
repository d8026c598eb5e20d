package dev.agentry.profile.resolve;

import dev.agentry.profile.base.Profile;
import dev.agentry.profile.identity.Identity;

/**
 * The answer of {@code POST /v1/profiles/resolve}: the profile a channel identity belongs to, and
 * whether this call created both (201) or found them (200).
 */
public record ResolveResult(boolean created, Profile profile, Identity identity) {
}
