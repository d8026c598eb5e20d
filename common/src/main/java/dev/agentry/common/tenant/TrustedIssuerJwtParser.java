package dev.agentry.common.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Unremovable;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.time.Clock;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies a bearer token with the verifier of the issuer it names: the deployment's own
 * ({@code mp.jwt.verify.*}, Quarkus' parser as configured) or one of
 * {@code agentry.jwt.trusted-issuers}. Reading {@code iss} before verifying only picks the
 * verifier; each verifier still checks its own issuer, keys, audience and expiry, so a token that
 * names a trusted issuer but is signed with another key is refused like any forgery.
 *
 * <p>A trusted issuer's keys are fetched from its JWKS URL by a blocking HTTP call (cached and
 * refreshed by jose4j), so with a remote trusted issuer verification must run off the event loop:
 * startup fails unless it does ({@code quarkus.smallrye-jwt.blocking-authentication=true}, or the
 * own key is remote too, which makes Quarkus verify on a worker thread already).
 */
@Alternative
@Priority(1)
@Unremovable
@ApplicationScoped
public class TrustedIssuerJwtParser implements JWTParser {

    private final DefaultJWTParser own;
    private final Map<String, DefaultJWTParser> trusted = new HashMap<>();
    private final ObjectMapper json = new ObjectMapper();
    private final VerifiedTokens verified;

    @Inject
    public TrustedIssuerJwtParser(JWTAuthContextInfo ownContext, TrustedIssuersConfig config,
            @ConfigProperty(name = "quarkus.smallrye-jwt.blocking-authentication") Optional<Boolean> blocking) {
        // Quarkus' own DefaultJWTParser is this context with smallrye's default principal factory. A
        // factory per verifier: its token parser keeps the first context's key resolver for good.
        this.own = new DefaultJWTParser(ownContext, new CustomClaimPrincipals());
        this.verified = new VerifiedTokens(config.verifiedCacheSize(), Clock.systemUTC());
        boolean offEventLoop = blocking.orElse(isRemote(ownContext.getPublicKeyLocation()));
        config.trustedIssuers().forEach((name, issuer) -> {
            if (issuer.issuer().equals(ownContext.getIssuedBy())) {
                throw new IllegalStateException("agentry.jwt.trusted-issuers." + name + ".issuer is the deployment's own issuer");
            }
            if (isRemote(issuer.publickeyLocation()) && !offEventLoop) {
                throw new IllegalStateException("agentry.jwt.trusted-issuers." + name + " fetches keys over HTTP: set "
                        + "quarkus.smallrye-jwt.blocking-authentication=true so that tokens are verified off the event loop");
            }
            JWTAuthContextInfo context = new JWTAuthContextInfo(ownContext);
            context.setIssuedBy(issuer.issuer());
            context.setPublicKeyContent(null);
            context.setPublicKeyLocation(issuer.publickeyLocation());
            issuer.audiences().ifPresent(context::setExpectedAudience);
            trusted.put(issuer.issuer(), new DefaultJWTParser(context, new CustomClaimPrincipals()));
        });
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.get(token);
        if (known != null) {
            return known;
        }
        JsonWebToken fresh = verifierOf(token).parse(token);
        verified.put(token, fresh);
        return fresh;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return own.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return own.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return own.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return own.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return own.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return own.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return own.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return own.parseOnly(token);
    }

    /** The trusted issuer's verifier when the token names one, else the deployment's own. */
    private DefaultJWTParser verifierOf(String token) {
        if (trusted.isEmpty()) {
            return own;
        }
        String issuer = unverifiedIssuer(token);
        return issuer == null ? own : trusted.getOrDefault(issuer, own);
    }

    /** The {@code iss} of a compact JWS, unverified; null when the token is not readable as one. */
    private String unverifiedIssuer(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0) {
            return null;
        }
        try {
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(token.substring(first + 1, second)));
            JsonNode iss = claims == null ? null : claims.get("iss");
            return iss != null && iss.isTextual() ? iss.asText() : null;
        } catch (Exception e) {
            return null; // the own verifier refuses it with the usual 401
        }
    }

    private static boolean isRemote(String location) {
        return location != null && (location.startsWith("http:") || location.startsWith("https:"));
    }
}
