package dev.agentry.profile;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

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

    /** Erasure requests reaching the other stores (issue 17 item 7). */
    Erasure erasure();

    interface Erasure {

        /**
         * The stores expected to answer an erasure with a receipt: an erasure is complete when every
         * one has. A store added later is expected from then on; an earlier erasure keeps its list.
         */
        @WithDefault("memory,audit,conversation")
        List<String> stores();

        /** An erasure not complete this long after its last announcement is announced again. */
        @WithDefault("PT10M")
        Duration reannounceAfter();

        /** How often the re-announcer looks for such erasures (0: never, tests call it). */
        @WithDefault("PT1M")
        Duration reannounceInterval();

        /** Erasures re-announced per tenant per round. */
        @WithDefault("100")
        int reannounceBatch();

        /** Whether receipts are read from the event stream (tests poll instead). */
        @WithDefault("true")
        boolean followReceipts();
    }
}
