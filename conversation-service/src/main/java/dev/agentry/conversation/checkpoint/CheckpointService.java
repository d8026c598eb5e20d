package dev.agentry.conversation.checkpoint;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.page.Page;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.conversation.ConversationServiceConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Checkpoints of a session's thread (one thread per session, named by the seed's pattern
 * {@code tenant_<id>__user_<id>__session_<id>}): put, latest, by id, and the chain from one back to
 * the root through {@code parent_id}. A parent must already be saved in the same thread.
 */
@ApplicationScoped
public class CheckpointService {

    @Inject
    TenantTransactions tx;

    @Inject
    CheckpointStore store;

    @Inject
    TenantContext caller;

    @Inject
    ConversationServiceConfig config;

    public Uni<CheckpointStore.Saved> put(UUID sessionId, String checkpointId, CheckpointPut body) {
        checkId("checkpoint_id", checkpointId);
        if (body.parentId() != null) {
            checkId("parent_id", body.parentId());
            if (body.parentId().equals(checkpointId)) {
                throw new ValidationException("parent_id", "a checkpoint cannot be its own parent");
            }
        }
        return inThread(sessionId, (conn, thread) -> {
            Uni<Boolean> parentKnown = body.parentId() == null ? Uni.createFrom().item(true)
                    : store.exists(conn, caller.tenantId(), thread, body.parentId());
            return parentKnown.flatMap(known -> {
                if (!known) {
                    throw new ValidationException("parent_id", "no checkpoint " + body.parentId() + " in this session's thread");
                }
                return store.put(conn, caller.tenantId(), sessionId, thread, checkpointId, body);
            });
        });
    }

    public Uni<Checkpoint> latest(UUID sessionId) {
        return inThread(sessionId, (conn, thread) -> store.latest(conn, caller.tenantId(), thread))
                .map(c -> c.orElseThrow(() -> new NotFoundException("session " + sessionId + " has no checkpoint")));
    }

    public Uni<Checkpoint> get(UUID sessionId, String checkpointId) {
        checkId("checkpoint_id", checkpointId);
        return inThread(sessionId, (conn, thread) -> store.find(conn, caller.tenantId(), thread, checkpointId))
                .map(c -> c.orElseThrow(() -> new NotFoundException("checkpoint " + checkpointId + " does not exist")));
    }

    /** The checkpoint and its ancestors, newest first (404 when the checkpoint does not exist). */
    public Uni<Page<Checkpoint>> chain(UUID sessionId, String checkpointId) {
        checkId("checkpoint_id", checkpointId);
        return inThread(sessionId, (conn, thread) -> store.chain(conn, caller.tenantId(), thread, checkpointId,
                config.maxChainLength())).map(list -> {
                    if (list.isEmpty()) {
                        throw new NotFoundException("checkpoint " + checkpointId + " does not exist");
                    }
                    return new Page<>(list, null);
                });
    }

    private <T> Uni<T> inThread(UUID sessionId, java.util.function.BiFunction<SqlConnection, String, Uni<T>> work) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.threadOf(conn, tenant, sessionId).flatMap(thread -> {
            if (thread.isEmpty()) {
                throw NotFoundException.of("session", sessionId);
            }
            return work.apply(conn, thread.get());
        }));
    }

    private static void checkId(String field, String id) {
        if (id == null || id.isBlank() || id.length() > 255) {
            throw new ValidationException(field, "must be 1 to 255 characters");
        }
    }

}
