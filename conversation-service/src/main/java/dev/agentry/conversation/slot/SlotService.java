package dev.agentry.conversation.slot;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.conversation.ConversationServiceConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.regex.Pattern;

/** Context slots of a session: set with an optional time to live, read only while live. */
@ApplicationScoped
public class SlotService {

    static final Pattern KEY = Pattern.compile("^[A-Za-z][A-Za-z0-9_.-]{0,99}$");
    /** At most this many live slots are listed (a session holds a handful). */
    static final int LIST_LIMIT = 500;

    @Inject
    TenantTransactions tx;

    @Inject
    SlotStore store;

    @Inject
    TenantContext caller;

    @Inject
    ConversationServiceConfig config;

    public Uni<ContextSlot> set(UUID sessionId, String key, SlotSet body) {
        checkKey(key);
        if (body.ttlSeconds() != null && body.ttlSeconds() > config.maxSlotTtlSeconds()) {
            throw new ValidationException("ttl_seconds", "at most " + config.maxSlotTtlSeconds());
        }
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.upsert(conn, tenant, sessionId, Ids.newId(), key, body))
                .map(s -> s.orElseThrow(() -> NotFoundException.of("session", sessionId)));
    }

    public Uni<Page<ContextSlot>> live(UUID sessionId) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.sessionExists(conn, tenant, sessionId).flatMap(exists -> {
            if (!exists) {
                throw NotFoundException.of("session", sessionId);
            }
            return store.live(conn, tenant, sessionId, LIST_LIMIT);
        })).map(items -> new Page<>(items, null));
    }

    public Uni<ContextSlot> get(UUID sessionId, String key) {
        checkKey(key);
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, sessionId, key))
                .map(s -> s.orElseThrow(() -> new NotFoundException("no live slot " + key + " in session " + sessionId)));
    }

    private static void checkKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new ValidationException("slot_key", "must be a letter then letters, digits, '_', '.' or '-' (at most 100)");
        }
    }
}
