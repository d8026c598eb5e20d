package dev.agentry.profile;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything profile-service can be told, under {@code agentry.profile}. */
@ConfigMapping(prefix = "agentry.profile")
public interface ProfileServiceConfig {

    /**
     * Longest chain of merge redirects followed when a merged profile's id is looked up. Merges
     * compress chains (every tombstone points at its live survivor), so a chain longer than one hop
     * only exists in damaged or hand-loaded data; the bound keeps such data from looping.
     */
    @WithDefault("16")
    int maxMergeDepth();

    /** Distinct fields one profile may hold at a time; writing a new one beyond it is refused (409). */
    @WithDefault("200")
    int maxFieldsPerProfile();

    /** Current field values read for one profile view (bounds the view after many merges). */
    @WithDefault("1000")
    int viewMaxFieldValues();

    /** Identities and merged ids shown inline in a profile view; the rest are listed page by page. */
    @WithDefault("100")
    int viewListLimit();

    /**
     * Attempts of one resolve when its insert collided with an identity that a concurrent erasure
     * then removed (each attempt is one lookup and at most one insert).
     */
    @WithDefault("3")
    int resolveAttempts();
}
