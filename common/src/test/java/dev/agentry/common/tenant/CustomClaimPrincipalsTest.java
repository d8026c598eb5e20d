package dev.agentry.common.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/** The principals {@link TrustedIssuerJwtParser} verifies with answer every claim as smallrye-jwt's own do. */
class CustomClaimPrincipalsTest {

    private static final KeyPair KEYS = rsa();
    private static final String TENANT = UUID.randomUUID().toString();

    @Test
    void everyClaimReadsAsWithTheDefaultPrincipal() throws Exception {
        String token = sign(KEYS.getPrivate(), 300);
        JsonWebToken ours = parser(new CustomClaimPrincipals()).parse(token);
        JsonWebToken theirs = parser(new DefaultJWTCallerPrincipalFactory()).parse(token);

        assertEquals(theirs.getClaimNames(), ours.getClaimNames());
        for (String name : theirs.getClaimNames()) {
            Object expected = theirs.getClaim(name);
            Object actual = ours.getClaim(name);
            assertEquals(expected == null ? null : expected.getClass(), actual == null ? null : actual.getClass(), name);
            assertEquals(String.valueOf(expected), String.valueOf(actual), name);
        }
        assertEquals(TENANT, ours.getClaim(TenantContext.TENANT_CLAIM));
        assertInstanceOf(Long.class, ours.getClaim("exp"));
        assertEquals(Set.of("agent-runtime"), ours.getGroups());
        assertEquals("api-key:1", ours.getSubject());
        assertEquals(theirs.getExpirationTime(), ours.getExpirationTime());
        assertNull(ours.getClaim("not_in_the_token"));
    }

    @Test
    void whatTheDefaultRefusesIsRefused() {
        KeyPair other = rsa();
        assertThrows(ParseException.class, () -> parser(new CustomClaimPrincipals()).parse(sign(other.getPrivate(), 300)),
                "signed with another key");
        assertThrows(ParseException.class, () -> parser(new CustomClaimPrincipals()).parse(sign(KEYS.getPrivate(), -600)),
                "expired");
    }

    private static DefaultJWTParser parser(io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory factory) {
        JWTAuthContextInfo context = new JWTAuthContextInfo(KEYS.getPublic(), "agentry");
        context.setExpectedAudience(Set.of("agentry"));
        return new DefaultJWTParser(context, factory);
    }

    private static String sign(PrivateKey key, int expiresInSeconds) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("agentry");
        claims.setAudience("agentry");
        claims.setSubject("api-key:1");
        claims.setClaim(TenantContext.TENANT_CLAIM, TENANT);
        claims.setStringListClaim("groups", List.of("agent-runtime"));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(expiresInSeconds / 60f);
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        return jws.getCompactSerialization();
    }

    /** 2048 bits, the JDK's default size (common's tests cannot use common-testing's TestKeys: it needs common). */
    private static KeyPair rsa() {
        try {
            return KeyPairGenerator.getInstance("RSA").generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
