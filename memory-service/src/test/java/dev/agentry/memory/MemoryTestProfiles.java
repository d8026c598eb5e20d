package dev.agentry.memory;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
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

    /**
     * The production upload limits (50 MiB a file; common's request limit at 51 MiB), and an
     * uploads directory of this JVM's own, so that a test can watch the file grow there.
     */
    public static class LargeUploads implements QuarkusTestProfile {

        /** Per JVM, not per class loader: the test and the application see the same directory. */
        public static Path uploadsDirectory() {
            return Path.of(System.getProperty("java.io.tmpdir"), "agentry-uploads-" + ProcessHandle.current().pid());
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("agentry.memory.knowledge.max-upload-bytes", "52428800",
                    "agentry.http.max-body-bytes", "53477376",
                    "quarkus.http.body.uploads-directory", uploadsDirectory().toString());
        }
    }
}
