package dev.agentry.common.tenant;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The start-up checks of trusted issuers; tokens themselves are tested through HTTP in config-service. */
class TrustedIssuerJwtParserTest {

    private static JWTAuthContextInfo own(String keyLocation) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(keyLocation, "agentry");
        info.setExpectedAudience(Set.of("agentry"));
        return info;
    }

    private static TrustedIssuersConfig trusting(String issuer, String keyLocation) {
        TrustedIssuersConfig.TrustedIssuer trusted = new TrustedIssuersConfig.TrustedIssuer() {
            @Override
            public String issuer() {
                return issuer;
            }

            @Override
            public String publickeyLocation() {
                return keyLocation;
            }

            @Override
            public Optional<Set<String>> audiences() {
                return Optional.empty();
            }
        };
        return new TrustedIssuersConfig() {
            @Override
            public Map<String, TrustedIssuer> trustedIssuers() {
                return Map.of("sso", trusted);
            }

            @Override
            public int verifiedCacheSize() {
                return 16;
            }
        };
    }

    private static TrustedIssuerJwtParser parser(JWTAuthContextInfo own, TrustedIssuersConfig config, Optional<Boolean> blocking) {
        return new TrustedIssuerJwtParser(own, config, blocking);
    }

    @Test
    void aRemoteTrustedIssuerNeedsVerificationOffTheEventLoop() {
        JWTAuthContextInfo local = own("file:/keys/public.pem");
        TrustedIssuersConfig remote = trusting("https://sso.example/realms/a", "https://sso.example/realms/a/certs");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> parser(local, remote, Optional.empty()));
        assertTrue(refused.getMessage().contains("quarkus.smallrye-jwt.blocking-authentication=true"), refused::getMessage);
        assertThrows(IllegalStateException.class, () -> parser(local, remote, Optional.of(false)));
        assertDoesNotThrow(() -> parser(local, remote, Optional.of(true)));
        // An own key fetched over HTTP already makes Quarkus verify on a worker thread.
        assertDoesNotThrow(() -> parser(own("http://config:8081/v1/auth/jwks"), remote, Optional.empty()));
    }

    @Test
    void aLocalTrustedKeyNeedsNothingMore() {
        assertDoesNotThrow(() -> parser(own("file:/keys/public.pem"), trusting("https://sso.example", "file:/keys/sso.pem"),
                Optional.empty()));
    }

    @Test
    void theOwnIssuerCannotBeTrustedAgainWithAnotherKey() {
        assertThrows(IllegalStateException.class,
                () -> parser(own("file:/keys/public.pem"), trusting("agentry", "file:/keys/other.pem"), Optional.empty()));
    }
}
