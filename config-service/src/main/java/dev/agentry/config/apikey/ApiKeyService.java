package dev.agentry.config.apikey;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.Roles;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.config.ConfigServiceConfig;
import dev.agentry.config.tenant.TenantStore;
import dev.agentry.config.user.UserStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/** API keys: created with their secret shown once, listed without it, revoked at once. */
@ApplicationScoped
public class ApiKeyService {

    @Inject
    TenantTransactions tx;

    @Inject
    ApiKeyStore store;

    @Inject
    UserStore users;

    @Inject
    TenantStore tenants;

    @Inject
    ApiKeySecrets secrets;

    @Inject
    TenantContext caller;

    @Inject
    ConfigServiceConfig config;

    public Uni<ApiKeyCreated> create(ApiKeyCreate create) {
        validate(create);
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> insert(conn, tenant, create, caller.subject()));
    }

    /** A platform admin minting a key in another tenant (its first administrator's, typically). */
    public Uni<ApiKeyCreated> createInTenant(UUID tenantId, ApiKeyCreate create) {
        validate(create);
        return tx.asPlatformInTenant(tenantId, conn -> tenants.find(conn, tenantId).flatMap(found -> {
            if (found.isEmpty() || found.get().deletedAt() != null) {
                throw NotFoundException.of("Tenant", tenantId);
            }
            return insert(conn, tenantId, create, caller.subject());
        }));
    }

    /** Used by the bootstrap, with no caller, inside its own transaction. */
    public Uni<ApiKeyCreated> insert(SqlConnection conn, UUID tenantId, ApiKeyCreate create, String createdBy) {
        String key = secrets.newKey();
        Uni<Void> userCheck = create.userId() == null ? Uni.createFrom().voidItem()
                : users.find(conn, tenantId, create.userId()).invoke(user -> {
                    if (user.isEmpty()) {
                        throw new ValidationException("user_id", "no such user in this tenant");
                    }
                }).replaceWithVoid();
        return userCheck.flatMap(v -> store.insert(conn, tenantId, Ids.newId(), create, secrets.hash(key),
                secrets.shownPrefix(key), secrets.pepperId(), createdBy))
                .map(apiKey -> new ApiKeyCreated(apiKey, key));
    }

    public Uni<ApiKey> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id))
                .map(found -> found.orElseThrow(() -> NotFoundException.of("API key", id)));
    }

    public Uni<Page<ApiKey>> list(ApiKeyStatus status, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.list(conn, tenant, status, page)).map(rows -> Page.of(rows, page, ApiKey::id));
    }

    public Uni<ApiKey> revoke(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.revoke(conn, tenant, id))
                .map(found -> found.orElseThrow(() -> NotFoundException.of("API key", id)));
    }

    private void validate(ApiKeyCreate create) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < create.scopes().size(); i++) {
            String scope = create.scopes().get(i);
            if (!Roles.ALL.contains(scope)) {
                errors.add(new FieldError("scopes[" + i + "]", "unknown role; one of " + new java.util.TreeSet<>(Roles.ALL)));
            } else if (Roles.PLATFORM_ADMIN.equals(scope) && !caller.isPlatformAdmin()) {
                errors.add(new FieldError("scopes[" + i + "]", "only a platform admin can grant platform-admin"));
            }
        }
        if (new HashSet<>(create.scopes()).size() != create.scopes().size()) {
            errors.add(new FieldError("scopes", "must not repeat a role"));
        }
        if (create.expiresAt() != null && create.expiresAt().isAfter(Instant.now().plus(config.apiKeys().maxLifetime()))) {
            errors.add(new FieldError("expires_at", "must be within " + config.apiKeys().maxLifetime().toDays() + " days"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
