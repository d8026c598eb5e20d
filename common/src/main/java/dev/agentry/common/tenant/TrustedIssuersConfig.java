package dev.agentry.common.tenant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Identity providers whose tokens are accepted beside the deployment's own issuer
 * ({@code mp.jwt.verify.*}), e.g. a company's Keycloak realm. Each is named freely:
 *
 * <pre>
 * agentry.jwt.trusted-issuers.keycloak.issuer=https://sso.example.com/realms/agentry
 * agentry.jwt.trusted-issuers.keycloak.publickey-location=https://sso.example.com/realms/agentry/protocol/openid-connect/certs
 * agentry.jwt.trusted-issuers.keycloak.audiences=agentry
 * </pre>
 *
 * Their tokens must carry {@code tenant_id} and {@code groups} like Agentry's own.
 */
@ConfigMapping(prefix = "agentry.jwt")
public interface TrustedIssuersConfig {

    Map<String, TrustedIssuer> trustedIssuers();

    /**
     * How many verified bearer tokens are remembered (each until its {@code exp}), so that a token
     * sent on every request is verified once; 0 verifies every request.
     */
    @WithDefault("4096")
    @WithName("verified-cache-size")
    int verifiedCacheSize();

    interface TrustedIssuer {

        /** The exact {@code iss} of the provider's tokens. */
        String issuer();

        /** The provider's JWKS URL (or a PEM/JWKS file): where its verification keys are. */
        String publickeyLocation();

        /** The {@code aud} values accepted; by default the deployment's own ({@code mp.jwt.verify.audiences}). */
        Optional<Set<String>> audiences();
    }
}
