package dev.agentry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** Everything config-service can be told, under {@code agentry.config}. */
@ConfigMapping(prefix = "agentry.config")
public interface ConfigServiceConfig {

    Jwt jwt();

    ApiKeys apiKeys();

    Passwords passwords();

    Bootstrap bootstrap();

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
}
