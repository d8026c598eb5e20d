package dev.agentry.common.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Tokens for tests, signed with {@link TestKeys}, with the claims Agentry's services expect. */
public final class TestTokens {

    public static final String ISSUER = "agentry";
    public static final String AUDIENCE = "agentry";

    private TestTokens() {
    }

    /** A valid token for {@code tenant} with {@code roles}. */
    public static String forTenant(UUID tenant, String... roles) {
        return claims(tenant, roles).sign(TestKeys.privateKey(TestKeys.PRIVATE_KEY));
    }

    /** The claims of a valid token, to be altered by a test before signing. */
    public static JwtClaimsBuilder claims(UUID tenant, String... roles) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("test:" + UUID.randomUUID())
                .claim("tenant_id", tenant.toString())
                .groups(Set.of(roles))
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(600));
    }

    public static String sign(JwtClaimsBuilder claims) {
        return claims.sign(TestKeys.privateKey(TestKeys.PRIVATE_KEY));
    }

    public static String signWith(JwtClaimsBuilder claims, Path privateKeyPem) {
        return claims.sign(TestKeys.privateKey(privateKeyPem));
    }
}
