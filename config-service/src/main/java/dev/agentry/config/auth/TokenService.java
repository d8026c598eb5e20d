package dev.agentry.config.auth;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.UnauthenticatedException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.config.ConfigServiceConfig;
import dev.agentry.config.apikey.ApiKeySecrets;
import dev.agentry.config.apikey.ApiKeyStatus;
import dev.agentry.config.apikey.ApiKeyStore;
import dev.agentry.config.user.PasswordHasher;
import dev.agentry.config.user.UserStatus;
import dev.agentry.config.user.UserStore;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Exchanges a credential for a short-lived JWT. Every refusal answers the same 401, so that a
 * caller learns nothing about which keys, tenants or users exist.
 */
@ApplicationScoped
public class TokenService {

    private static final Logger LOG = Logger.getLogger(TokenService.class);
    private static final String REFUSED = "The credentials are invalid, revoked or expired, or the tenant is not active";

    @Inject
    TenantTransactions tx;

    @Inject
    ApiKeyStore apiKeys;

    @Inject
    UserStore users;

    @Inject
    ApiKeySecrets secrets;

    @Inject
    PasswordHasher passwords;

    @Inject
    SigningKeys keys;

    @Inject
    ConfigServiceConfig config;

    /** Which keys this replica recorded the use of within the last minute (the store's own granularity). */
    private final RecentUse recentUse = new RecentUse(java.time.Duration.ofMinutes(1), 10_000);

    public Uni<TokenResponse> exchange(TokenRequest request) {
        return switch (request.grantType()) {
            case API_KEY -> exchangeApiKey(request);
            case PASSWORD -> exchangePassword(request);
        };
    }

    private Uni<TokenResponse> exchangeApiKey(TokenRequest request) {
        require(List.of(new Required("api_key", request.apiKey())));
        if (!ApiKeySecrets.looksLikeKey(request.apiKey())) {
            return refuse("malformed api key");
        }
        byte[] hash = secrets.hash(request.apiKey());
        return tx.withoutTenantOrTransaction(conn -> apiKeys.findCredential(conn, hash)).flatMap(found -> {
            Optional<ApiKeyStore.Credential> usable = found.filter(k -> k.status() == ApiKeyStatus.ACTIVE
                    && (k.expiresAt() == null || k.expiresAt().isAfter(Instant.now())) && "active".equals(k.tenantStatus()));
            if (usable.isEmpty()) {
                return refuse(found.isEmpty() ? "unknown api key" : "api key or tenant not usable");
            }
            ApiKeyStore.Credential key = usable.get();
            if (!recentUse.shouldRecord(key.id())) {
                return Uni.createFrom().item(() -> issue(key.tenantId(), "api-key:" + key.id(), new HashSet<>(key.scopes())));
            }
            return tx.inTenant(key.tenantId(), conn -> apiKeys.touch(conn, key.tenantId(), key.id()))
                    .map(v -> issue(key.tenantId(), "api-key:" + key.id(), new HashSet<>(key.scopes())));
        });
    }

    private Uni<TokenResponse> exchangePassword(TokenRequest request) {
        require(List.of(new Required("tenant", request.tenant()), new Required("email", request.email()),
                new Required("password", request.password())));
        return tx.withoutTenant(conn -> users.findLogin(conn, request.tenant(), request.email()))
                .flatMap(found -> passwords.verify(request.password(), found.map(UserStore.Login::passwordHash).orElse(null))
                        .flatMap(matches -> {
                            if (!matches) {
                                return refuse("bad password or unknown user");
                            }
                            UserStore.Login login = found.get();
                            if (login.status() != UserStatus.ACTIVE || !"active".equals(login.tenantStatus())) {
                                return refuse("user or tenant not active");
                            }
                            return tx.inTenant(login.tenantId(), conn -> users.recordLogin(conn, login.tenantId(), login.id()))
                                    .map(v -> issue(login.tenantId(), "user:" + login.id(), login.role().tokenRoles()));
                        }));
    }

    private TokenResponse issue(UUID tenantId, String subject, Set<String> roles) {
        long ttl = config.jwt().ttl().toSeconds();
        String token = Jwt.issuer(config.jwt().issuer())
                .audience(config.jwt().audience())
                .subject(subject)
                .claim(TenantContext.TENANT_CLAIM, tenantId.toString())
                .groups(roles)
                .issuedAt(Instant.now())
                .expiresIn(ttl)
                .jws().keyId(keys.keyId())
                .sign(keys.privateKey());
        return new TokenResponse(token, "Bearer", ttl, tenantId, new ArrayList<>(new java.util.TreeSet<>(roles)));
    }

    private static <T> Uni<T> refuse(String why) {
        LOG.debugf("token exchange refused: %s", why);
        return Uni.createFrom().failure(new UnauthenticatedException(REFUSED));
    }

    private record Required(String field, String value) {
    }

    private static void require(List<Required> fields) {
        List<FieldError> errors = new ArrayList<>();
        for (Required r : fields) {
            if (r.value() == null || r.value().isBlank()) {
                errors.add(new FieldError(r.field(), "is required for this grant_type"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
