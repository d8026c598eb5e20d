package dev.agentry.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Everything catalog-service can be told, under {@code agentry.catalog}. */
@ConfigMapping(prefix = "agentry.catalog")
public interface CatalogServiceConfig {

    /** Attribute values one offering version or variant may hold. */
    @WithDefault("200")
    int maxAttributesPerVersion();

    /** Longest text (name, description, attributes) embedded for one published version, in characters. */
    @WithDefault("4000")
    int embeddingTextChars();

    /** Search tuning. */
    Search search();

    /** The semantic cache. */
    SemanticCache semanticCache();

    /** Import jobs. */
    @io.smallrye.config.WithName("import")
    Imports imports();

    interface Imports {

        /** How often a replica looks for unfinished jobs (and jobs whose replica stopped). */
        @WithDefault("2s")
        Duration pollInterval();

        /**
         * How long a claimed job is held without progress; a job whose replica stopped is claimed
         * again after this (progress is written after every row and extends it).
         */
        @WithDefault("30s")
        Duration lease();

        /** Jobs one replica processes at once (each row by row). */
        @WithDefault("2")
        int maxConcurrentJobs();

        /**
         * Hosts an import may be fetched from ({@code url} of a job): exact names, or
         * {@code .example.com} for a domain and its subdomains. None (the default): URL sources are
         * refused. Addresses that are internal are refused whatever the list says (SSRF).
         */
        java.util.Optional<java.util.List<String>> urlHosts();

        /** The largest file fetched from a URL. */
        @WithDefault("4194304")
        int urlMaxBytes();

        /** How long fetching a URL may take, connecting and reading. */
        @WithDefault("15s")
        Duration urlTimeout();
    }

    interface SemanticCache {

        /**
         * How often the hits counted in memory are written ({@code hit_count}, {@code last_hit_at}):
         * one UPDATE per tenant with hits per interval, whatever the number of hits.
         */
        @WithDefault("5s")
        Duration hitFlushInterval();

        /** Entries with unwritten hits held in memory before a flush is started early (bounds the memory). */
        @WithDefault("10000")
        int maxPendingHits();

        /** Expired entries of the tenant a fill deletes in passing (the purge: never needed for correctness). */
        @WithDefault("100")
        int purgeBatch();

        /** hnsw.ef_search of a lookup through the index (the candidate list of the walk for the one nearest entry). */
        @WithDefault("100")
        int efSearch();

        /**
         * How long a scope found larger than search.exact-threshold is remembered as large (its
         * lookups then go to the index without counting it again).
         */
        @WithDefault("60s")
        Duration largeScopeMemory();
    }

    interface Search {

        /**
         * Below this many active offerings a tenant's vector ranking is exact (every row compared,
         * perfect recall); at or above it the HNSW index is walked with an iterative scan.
         */
        @WithDefault("20000")
        long exactThreshold();

        /** Candidates each ranking (vector, text) contributes before fusion. */
        @WithDefault("100")
        int candidates();

        /** k of the reciprocal-rank fusion: score = sum of 1 / (k + rank). */
        @WithDefault("60")
        int rrfK();

        /** Least pg_trgm word similarity (0..1) for a fuzzy text match of a misspelt query. */
        @WithDefault("0.4")
        double trigramThreshold();

        /**
         * Most ids the text index lookup answers (every word of the query, or the trigram fallback):
         * a query matching more versions ranks the first ones the index yields.
         */
        @WithDefault("1000")
        int textMatchCap();

        /** How many of the tenant's most recent active versions a single word of the query is enough in. */
        @WithDefault("2000")
        int textWindow();

        /** Hits answered when the request gives no limit. */
        @WithDefault("10")
        int defaultLimit();
    }
}
