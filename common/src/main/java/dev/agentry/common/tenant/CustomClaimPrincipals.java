package dev.agentry.common.tenant;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.Claims;
import org.jose4j.jwt.consumer.JwtContext;

/**
 * smallrye-jwt's principal factory, verifying exactly as its default one does, whose principals read
 * a custom claim ({@code tenant_id}) without an exception. smallrye-jwt looks every claim name up
 * with {@code Claims.valueOf}, which for a name outside the enum throws an
 * {@code IllegalArgumentException}, stack trace and all, before answering {@code UNKNOWN}; and
 * {@link TenantContext} reads {@code tenant_id} on every request (that lookup was 4.7-5.9 % of a
 * resolve's CPU samples, docs/benchmarks.md). A map answers the same.
 */
final class CustomClaimPrincipals extends JWTCallerPrincipalFactory {

    private final DefaultJWTTokenParser parser = new DefaultJWTTokenParser();

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        JwtContext verified = parser.parse(token, authContextInfo);
        String type = verified.getJoseObjects().get(0).getHeader("typ");
        return new Principal(type, verified);
    }

    /** The default principal but for how a claim name is classified. */
    static final class Principal extends DefaultJWTCallerPrincipal {

        private static final Map<String, Claims> STANDARD = Arrays.stream(Claims.values())
                .collect(Collectors.toUnmodifiableMap(Claims::name, Function.identity()));

        private Principal(String type, JwtContext verified) {
            super(type, verified.getJwtClaims());
        }

        @Override
        protected Claims getClaimType(String claimName) {
            return STANDARD.getOrDefault(claimName, Claims.UNKNOWN);
        }
    }
}
