package dev.agentry.memory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything memory-service can be told, under {@code agentry.memory}. */
@ConfigMapping(prefix = "agentry.memory")
public interface MemoryConfig {

    Search search();

    Episodes episodes();

    Graph graph();

    Knowledge knowledge();

    Retention retention();

    Http http();

    interface Http {
        /**
         * Largest body of every request but a file upload, in bytes (413 beyond, before it is read).
         * {@code agentry.http.max-body-bytes} (common's limit, applied first to every request) is set
         * above it, at the file upload limit, so that uploads get through.
         */
        @WithDefault("8388608")
        long maxBodyBytes();
    }

    interface Search {
        /**
         * Below this many rows (a tenant's episodes of the query's model, or a collection's current
         * chunks) vector search is exact (every row compared, perfect recall); at or above it, it goes
         * through the HNSW index. Measured at 1,000,000 episodes over 100 tenants: exact wins below
         * about 5,000 rows, HNSW from about 10,000 (3 times faster, recall 1.0); see
         * docs/benchmarks-memory.md.
         */
        @WithDefault("10000")
        long exactThreshold();

        /** {@code hnsw.ef_search} for HNSW searches (raised to the candidate count when that is larger). */
        @WithDefault("100")
        int hnswEfSearch();

        /** Candidates taken from each ranking (vector, text) before they are fused; at least the limit. */
        @WithDefault("50")
        int candidates();

        /**
         * Full text: a row matching only some of the query's words is a candidate when it is among
         * the most recent this-many rows of the search's filter (a row matching all words always is).
         * Bounds the rows read and ranked on large tenants, where a common word matches tens of
         * thousands; below it (most tenants) any matching word is enough over all history.
         */
        @WithDefault("2000")
        int textWindow();

        /** Full text: rows holding every word of the query taken at most, before filters and ranking. */
        @WithDefault("1000")
        int textMatchCap();

        /** k of reciprocal-rank fusion: a hit's score from one ranking is 1 / (k + rank). */
        @WithDefault("60")
        int rrfK();

        /**
         * Weight of recency (1 now, 0.5 one half-life ago) added to the fused score; small, so that it
         * re-orders near-ties only (1/(k+1) - 1/(k+2) is about 0.00026 at k = 60).
         */
        @WithDefault("0.002")
        double recencyWeight();

        /** Weight of an episode's importance (0..1) added to the fused score. */
        @WithDefault("0.002")
        double importanceWeight();

        /** Age at which an episode's recency is one half. */
        @WithDefault("30d")
        Duration recencyHalfLife();

        /** Largest {@code limit} a search may ask for. */
        @WithDefault("50")
        int maxLimit();
    }

    interface Episodes {
        /** Most episodes in one bulk call (all or nothing). */
        @WithDefault("500")
        int maxBulk();
    }

    interface Graph {
        /** Deepest neighbourhood a graph query may ask for. */
        @WithDefault("4")
        int maxDepth();

        /** Edges followed per hop at most: a hub entity cannot make one query unbounded. */
        @WithDefault("500")
        int maxEdgesPerHop();

        /**
         * Relationship types a source holds at most one of at a time (a new one closes the current
         * one), unless a request says otherwise with {@code exclusive}.
         */
        @WithDefault("lives_in,works_at,located_in,married_to,has_status,has_plan,prefers_channel,reports_to")
        List<String> exclusiveTypes();
    }

    interface Knowledge {
        /** Largest document text accepted, in bytes (413 beyond); the HTTP body limit must be above it. */
        @WithDefault("4194304")
        long maxDocumentBytes();

        /** Chunk size of a new collection when it names none, in characters. */
        @WithDefault("1000")
        int defaultChunkSize();

        /** Chunk overlap of a new collection when it names none, in characters. */
        @WithDefault("150")
        int defaultChunkOverlap();

        /**
         * Largest uploaded file (multipart {@code file} part or raw body of a file type), in bytes:
         * 413 beyond. The file streams to disk; its extracted text is still bounded by
         * {@code max-document-bytes}.
         */
        @WithDefault("52428800")
        long maxUploadBytes();

        Indexing indexing();
    }

    /** The background indexing of uploaded files. */
    interface Indexing {
        /** Chunks embedded per batch; progress ({@code chunks_done}) and the lease are renewed after each. */
        @WithDefault("32")
        int batchSize();

        /** How long a claimed document is the worker's without news; then another may take it. */
        @WithDefault("5m")
        Duration lease();

        /** How often unfinished documents are looked for (besides after every upload and at start); 0 disables the timer. */
        @WithDefault("30s")
        Duration scanInterval();

        /** Claims of one document at most (a file that kills the worker every time); then it is failed. */
        @WithDefault("3")
        int maxAttempts();
    }

    interface Retention {
        /** Default maximum age of {@code turn} episodes (by recorded_at); none keeps them. */
        Optional<Duration> turn();

        /** Default maximum age of {@code summary} episodes. */
        Optional<Duration> summary();

        /** Default maximum age of {@code fact} episodes. */
        Optional<Duration> fact();

        /** Default maximum age of {@code event} episodes. */
        Optional<Duration> event();

        /** How often every tenant's expired episodes are deleted; 0 disables the timer. */
        @WithDefault("1h")
        Duration sweepInterval();

        /** Rows deleted per statement, so that a sweep never holds one long transaction. */
        @WithDefault("5000")
        int batchSize();
    }
}
