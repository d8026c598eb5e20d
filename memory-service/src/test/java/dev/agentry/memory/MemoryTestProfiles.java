package dev.agentry.memory;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** memory-service's test profiles, in one place. */
public final class MemoryTestProfiles {

    private MemoryTestProfiles() {
    }

    /** A text window of two rows, so that a test can tell "all words, all history" from "any word, recent rows". */
    public static class SmallTextWindow implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("agentry.memory.search.text-window", "2");
        }
    }
}
