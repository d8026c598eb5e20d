package dev.agentry.config.user;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** Users of the caller's tenant. Passwords are hashed (Argon2id, off the event loop) before any SQL runs. */
@ApplicationScoped
public class UserService {

    @Inject
    TenantTransactions tx;

    @Inject
    UserStore store;

    @Inject
    PasswordHasher passwords;

    @Inject
    TenantContext caller;

    public Uni<User> create(UserCreate create) {
        UUID tenant = caller.tenantId();
        return passwords.hash(create.password())
                .flatMap(hash -> tx.inTenant(tenant, conn -> store.insert(conn, tenant, Ids.newId(), create, hash)));
    }

    public Uni<User> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id))
                .map(found -> found.orElseThrow(() -> NotFoundException.of("User", id)));
    }

    public Uni<Page<User>> list(UserStatus status, UserRole role, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.list(conn, tenant, status, role, page)).map(rows -> Page.of(rows, page, User::id));
    }

    public Uni<User> update(UUID id, UserUpdate update) {
        UUID tenant = caller.tenantId();
        Uni<String> hash = update.password() == null ? Uni.createFrom().nullItem() : passwords.hash(update.password());
        return hash.flatMap(h -> tx.inTenant(tenant, conn -> store.update(conn, tenant, id, update, h)))
                .map(found -> found.orElseThrow(() -> NotFoundException.of("User", id)));
    }

    public Uni<Void> delete(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.softDelete(conn, tenant, id)).invoke(deleted -> {
            if (!deleted) {
                throw NotFoundException.of("User", id);
            }
        }).replaceWithVoid();
    }
}
