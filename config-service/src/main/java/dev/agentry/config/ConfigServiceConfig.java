package dev.agentry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Everything config-service can be told, under {@code agentry.config}. */
@ConfigMapping(prefix = "agentry.config")
public interface ConfigServiceConfig {

    Jwt jwt();

    ApiKeys apiKeys();

    Passwords passwords();

    Bootstrap bootstrap();

    Secrets secrets();

    Matching matching();

    Runtime runtime();

    Limits limits();

    /** Calls to the tenants' LLMs ({@code POST /v1/llm/chat-completions}). */
    Llm llm();

    interface Llm {

        /**
         * The OpenAI-compatible base URL of each provider of the model registry, e.g.
         * {@code agentry.config.llm.provider-urls.openai=https://api.openai.com/v1}. Set by the operator,
         * never by a tenant: a model whose provider has none cannot be called (409).
         */
        java.util.Map<String, String> providerUrls();

        /** How long one completion may take. */
        @io.smallrye.config.WithDefault("PT30S")
        java.time.Duration timeout();
    }

    interface Jwt {
        /** {@code iss} of issued tokens; verifiers compare it ({@code mp.jwt.verify.issuer}). */
        @WithDefault("agentry")
        String issuer();

        /** {@code aud} of issued tokens ({@code mp.jwt.verify.audiences}). */
        @WithDefault("agentry")
        String audience();

        /** Lifetime of an issued token: short, since suspension and revocation act at the next exchange. */
        @WithDefault("15m")
        Duration ttl();
    }

    interface ApiKeys {
        /**
         * Server-side secret mixed into every API key hash (HMAC-SHA-256). Required, at least 16
         * characters; never committed (local runs generate it into .agentry/).
         */
        String pepper();

        /** Names the pepper in each stored hash, so that a pepper can be rotated. */
        @WithDefault("p1")
        String pepperId();

        /** Longest lifetime a new key may ask for. */
        @WithDefault("365d")
        Duration maxLifetime();
    }

    interface Passwords {
        /** Argon2id memory cost in KiB (OWASP: 19456 with 2 iterations). */
        @WithDefault("19456")
        int memoryKib();

        /** Argon2id iterations. */
        @WithDefault("2")
        int iterations();

        /** Argon2id lanes. */
        @WithDefault("1")
        int parallelism();
    }

    interface Bootstrap {
        /** On start, create the platform tenant and a platform-admin API key when missing. */
        @WithDefault("false")
        boolean enabled();

        /** Where the first platform-admin API key is written (mode 600), once. */
        @WithDefault(".agentry/platform-admin.key")
        Path credentialFile();
    }

    interface Secrets {
        /**
         * AES-256-GCM master key, base64 of 32 bytes, for secrets at rest (tenant LLM API keys, MCP
         * server configs). Required to write or read a secret; never committed.
         */
        Optional<String> masterKey();

        /** Names the master key in every ciphertext, so that a rotation can find what to re-encrypt. */
        @WithDefault("k1")
        String keyId();

        /** Former master keys by key id (base64 of 32 bytes each): still decrypt, never encrypt. */
        Map<String, String> retiredKeys();
    }

    interface Matching {
        /**
         * Rule and scenario matching search the agent's eligible rows exactly (perfect recall) up to
         * this many rows, and through the HNSW index (iterative scan) above it. See
         * docs/benchmarks-config.md for the measurements behind the default.
         */
        @WithDefault("20000")
        int exactMaxRows();

        /** HNSW candidate list size for index searches ({@code hnsw.ef_search}). */
        @WithDefault("100")
        int efSearch();

        /** Results a match answers when the request does not say. */
        @WithDefault("5")
        int defaultTopK();

        /** The most results a match may ask for. */
        @WithDefault("50")
        int maxTopK();
    }

    interface Runtime {
        /** Backstop lifetime of a cached runtime-config answer; changes invalidate it at once anyway. */
        @WithDefault("5m")
        Duration cacheTtl();

        /** Tools the runtime-config answer lists per agent, by priority (the seed's "top 5"). */
        @WithDefault("5")
        int toolLimit();
    }

    interface Limits {
        /**
         * How often every tenant's plan limits are published to Redis again (they are also published
         * at start and at every change of a tenant), so that a Redis that lost them is healed.
         */
        @WithDefault("10m")
        Duration republishInterval();
    }
}
