package dev.agentry.catalog.bot;

import dev.agentry.catalog.cache.SemanticCacheInvalidation;
import dev.agentry.catalog.support.CatalogErrors;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.ConflictException;
import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bots and their versions, by plain SQL: activation, rollback and the traffic split are
 * multi-statement state changes under a lock on the bot row, with the partial unique index
 * {@code uq_bot_version_active} keeping exactly one active version whatever happens concurrently.
 *
 * <p>A version is immutable once created (a change is a new version), so activating an earlier one
 * or rolling back returns to exactly what served before. Every activation, rollback and split change
 * is recorded in {@code bot_version_event}, with the active version before and after.
 */
@ApplicationScoped
public class BotService {

    static final Map<String, String> UNIQUE = Map.of("uq_bot_code", "code", "uq_bot_version_number", "version",
            "uq_bot_version_active", "version_id");
    static final int BUCKETS = 100;

    @Inject
    TenantTransactions tx;

    @Inject
    BotStore store;

    @Inject
    TenantContext caller;

    @Inject
    SemanticCacheInvalidation cache;

    public Uni<Bot> create(BotCreate create) {
        UUID tenant = caller.tenantId();
        UUID id = Ids.newId();
        return tx.inTenant(tenant, conn -> domainExists(conn, create.domainId())
                .chain(() -> store.insertBot(conn, tenant, id, create))
                .chain(() -> store.find(conn, tenant, id)))
                .map(found -> found.orElseThrow())
                .onFailure().transform(f -> CatalogErrors.translate(f, UNIQUE));
    }

    public Uni<Bot> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id)).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    public Uni<Page<Bot>> list(String status, UUID agentId, PageRequest page) {
        if (status != null && !status.equals("active") && !status.equals("archived")) {
            throw new ValidationException("status", "must be active or archived");
        }
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.list(conn, tenant, status, agentId, page)).map(rows -> Page.of(rows, page, Bot::id));
    }

    public Uni<Bot> update(UUID id, BotUpdate update) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> locked(conn, tenant, id)
                .chain(() -> domainExists(conn, update.domainId()))
                .chain(() -> store.updateBot(conn, tenant, id, update))
                .chain(() -> store.find(conn, tenant, id)))
                .map(found -> found.orElseThrow())
                .onFailure().transform(f -> CatalogErrors.translate(f, UNIQUE));
    }

    /** Archives the bot: kept (sessions name its versions), no longer served ({@code version-for-session} answers 409). */
    public Uni<Void> archive(UUID id) {
        UUID tenant = caller.tenantId();
        // An archived bot answers no session: the semantic cache's answers of its versions go with it.
        return tx.inTenant(tenant, conn -> store.archive(conn, tenant, id)
                .call(done -> done ? cache.botChanged(conn, tenant, id) : Uni.createFrom().voidItem())).map(done -> {
            if (!done) {
                throw notFound(id);
            }
            return null;
        });
    }

    /** A new version, numbered after the last under the bot's lock; inactive until activated. */
    public Uni<BotVersion> createVersion(UUID botId, BotVersionCreate create) {
        UUID tenant = caller.tenantId();
        UUID id = Ids.newId();
        List<String> codes = create.capabilities() == null ? List.of() : create.capabilities().stream().distinct().toList();
        return tx.inTenant(tenant, conn -> locked(conn, tenant, botId)
                .chain(() -> codes.isEmpty() ? Uni.createFrom().item(Map.<String, UUID> of()) : store.capabilities(conn, codes))
                .chain(known -> {
                    List<FieldError> unknown = new ArrayList<>();
                    for (int i = 0; !codes.isEmpty() && i < create.capabilities().size(); i++) {
                        if (!known.containsKey(create.capabilities().get(i))) {
                            unknown.add(new FieldError("capabilities[" + i + "]", "is not a system capability code"));
                        }
                    }
                    if (!unknown.isEmpty()) {
                        throw new ValidationException(unknown);
                    }
                    return store.nextVersion(conn, tenant, botId).chain(number -> store.insertVersion(conn, tenant, id, botId, number,
                            create, codes.stream().map(known::get).toList()));
                })
                .chain(() -> store.version(conn, tenant, botId, id)))
                .map(found -> found.orElseThrow())
                .onFailure().transform(f -> CatalogErrors.translate(f, UNIQUE));
    }

    public Uni<List<BotVersion>> versions(UUID botId) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> visible(conn, tenant, botId).chain(() -> store.versions(conn, tenant, botId)));
    }

    public Uni<BotVersion> version(UUID botId, UUID versionId) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> visible(conn, tenant, botId).chain(() -> store.version(conn, tenant, botId, versionId)))
                .map(found -> found.orElseThrow(() -> versionNotFound(botId, versionId)));
    }

    /** Deletes a version that never served: never activated and not in the traffic split (else 409). */
    public Uni<Void> deleteVersion(UUID botId, UUID versionId) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> locked(conn, tenant, botId)
                .chain(() -> store.version(conn, tenant, botId, versionId))
                .chain(found -> {
                    BotVersion v = found.orElseThrow(() -> versionNotFound(botId, versionId));
                    if (v.activatedAt() != null) {
                        throw new ConflictException("version_id", "version " + v.version()
                                + " has been active: it stays, so that rollbacks and sessions can name it");
                    }
                    return store.inSplit(conn, tenant, versionId).chain(inSplit -> {
                        if (inSplit) {
                            throw new ConflictException("version_id", "version " + v.version() + " is in the traffic split");
                        }
                        return cache.botVersionChanged(conn, tenant, versionId)
                                .chain(() -> store.deleteVersion(conn, tenant, botId, versionId));
                    });
                })).replaceWithVoid();
    }

    /** Makes {@code versionId} the bot's active version (a no-op when it already is), recorded as {@code activate}. */
    public Uni<BotVersion> activate(UUID botId, UUID versionId) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> locked(conn, tenant, botId)
                .chain(() -> store.version(conn, tenant, botId, versionId))
                .chain(found -> {
                    BotVersion v = found.orElseThrow(() -> versionNotFound(botId, versionId));
                    if (v.active()) {
                        return Uni.createFrom().voidItem();
                    }
                    return store.activeVersion(conn, tenant, botId).chain(current -> store.switchActive(conn, tenant, botId, versionId)
                            .chain(() -> store.event(conn, tenant, botId, "activate", current.orElse(null), versionId, Map.of(),
                                    caller.subject())));
                })
                .chain(() -> store.version(conn, tenant, botId, versionId)))
                .map(found -> found.orElseThrow())
                .onFailure().transform(f -> CatalogErrors.translate(f, UNIQUE));
    }

    /**
     * Returns to the version that was active before the current one became active, recorded as
     * {@code rollback}; 409 when there is no active version or none before it. Rolling back twice
     * returns to where the first rollback started.
     */
    public Uni<BotVersion> rollback(UUID botId) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> locked(conn, tenant, botId)
                .chain(() -> store.activeVersion(conn, tenant, botId))
                .chain(current -> {
                    UUID now = current.orElseThrow(() -> new ConflictException("bot " + botId + " has no active version to roll back from"));
                    return store.previousActive(conn, tenant, botId, now).chain(previous -> {
                        UUID target = previous.orElseThrow(() -> new ConflictException(
                                "bot " + botId + " had no active version before the current one"));
                        return store.switchActive(conn, tenant, botId, target)
                                .chain(() -> store.event(conn, tenant, botId, "rollback", now, target, Map.of(), caller.subject()))
                                .chain(() -> store.version(conn, tenant, botId, target));
                    });
                }))
                .map(found -> found.orElseThrow())
                .onFailure().transform(f -> CatalogErrors.translate(f, UNIQUE));
    }

    public Uni<Page<BotVersionEvent>> history(UUID botId, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> visible(conn, tenant, botId).chain(() -> store.history(conn, tenant, botId, page)))
                .map(rows -> Page.of(rows, page, BotVersionEvent::id));
    }

    public Uni<TrafficSplit> split(UUID botId) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> visible(conn, tenant, botId).chain(() -> store.split(conn, tenant, botId)))
                .map(found -> found.orElseThrow(() -> new NotFoundException("Bot " + botId + " has no traffic split")));
    }

    /** Sets (or replaces) the split: two distinct versions of this bot, percentages summing to 100; recorded as {@code split_set}. */
    public Uni<TrafficSplit> putSplit(UUID botId, TrafficSplit split) {
        TrafficSplit.Arm a = split.arms().get(0);
        TrafficSplit.Arm b = split.arms().get(1);
        if (a.versionId().equals(b.versionId())) {
            throw new ValidationException("arms[1].version_id", "must differ from arms[0].version_id");
        }
        if (a.percent() + b.percent() != 100) {
            throw new ValidationException("arms", "percentages must sum to 100");
        }
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> locked(conn, tenant, botId)
                .chain(() -> store.versionNumbers(conn, tenant, botId, List.of(a.versionId(), b.versionId())))
                .chain(numbers -> {
                    List<FieldError> errors = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                        if (!numbers.containsKey(split.arms().get(i).versionId())) {
                            errors.add(new FieldError("arms[" + i + "].version_id", "is not a version of this bot"));
                        }
                    }
                    if (!errors.isEmpty()) {
                        throw new ValidationException(errors);
                    }
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("version_a_id", a.versionId().toString());
                    detail.put("percent_a", a.percent());
                    detail.put("version_b_id", b.versionId().toString());
                    detail.put("percent_b", b.percent());
                    return store.activeVersion(conn, tenant, botId).chain(active -> store.putSplit(conn, tenant, botId, split)
                            .chain(() -> store.event(conn, tenant, botId, "split_set", active.orElse(null), active.orElse(null), detail,
                                    caller.subject())));
                })
                .chain(() -> store.split(conn, tenant, botId)))
                .map(found -> found.orElseThrow())
                .onFailure().transform(f -> CatalogErrors.translate(f, UNIQUE));
    }

    /** Removes the split (every session gets the active version again); recorded as {@code split_cleared}. */
    public Uni<Void> deleteSplit(UUID botId) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> locked(conn, tenant, botId)
                .chain(() -> store.deleteSplit(conn, tenant, botId))
                .chain(deleted -> {
                    if (!deleted) {
                        throw new NotFoundException("Bot " + botId + " has no traffic split");
                    }
                    return store.activeVersion(conn, tenant, botId).chain(active -> store.event(conn, tenant, botId, "split_cleared",
                            active.orElse(null), active.orElse(null), Map.of(), caller.subject()));
                }));
    }

    /**
     * The version that answers {@code sessionId}: with a split, the arm of the session's bucket (a
     * stable hash of bot and session id, 0..99: the first arm takes buckets below its percentage);
     * without one, the active version. 409 for an archived bot or one with nothing to serve.
     */
    public Uni<SessionVersion> versionForSession(UUID botId, String sessionId) {
        if (sessionId == null || sessionId.isBlank() || sessionId.length() > 200) {
            throw new ValidationException("session_id", "must be 1 to 200 characters");
        }
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, botId).chain(found -> {
            Bot bot = found.orElseThrow(() -> notFound(botId));
            if (!"active".equals(bot.status())) {
                throw new ConflictException("bot " + botId + " is archived");
            }
            return store.split(conn, tenant, botId).map(split -> {
                if (split.isPresent()) {
                    int bucket = bucket(botId, sessionId);
                    TrafficSplit.Arm a = split.get().arms().get(0);
                    TrafficSplit.Arm arm = bucket < a.percent() ? a : split.get().arms().get(1);
                    return new SessionVersion(botId, bot.agentId(), sessionId, arm.versionId(), arm.version(), "split", bucket);
                }
                if (bot.activeVersionId() == null) {
                    throw new ConflictException("bot " + botId + " has no active version and no traffic split");
                }
                return new SessionVersion(botId, bot.agentId(), sessionId, bot.activeVersionId(), bot.activeVersion(), "active", null);
            });
        }));
    }

    /** The session's bucket, 0..99: the first 8 bytes of SHA-256("bot id:session id"), unsigned, modulo 100. */
    static int bucket(UUID botId, String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((botId + ":" + sessionId).getBytes(StandardCharsets.UTF_8));
            long head = 0;
            for (int i = 0; i < 8; i++) {
                head = (head << 8) | (digest[i] & 0xff);
            }
            return (int) Long.remainderUnsigned(head, BUCKETS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Uni<Void> locked(SqlConnection conn, UUID tenant, UUID botId) {
        return store.lock(conn, tenant, botId).map(found -> {
            if (!found) {
                throw notFound(botId);
            }
            return null;
        });
    }

    private Uni<Void> visible(SqlConnection conn, UUID tenant, UUID botId) {
        return store.find(conn, tenant, botId).map(found -> {
            if (found.isEmpty()) {
                throw notFound(botId);
            }
            return null;
        });
    }

    private static Uni<Void> domainExists(SqlConnection conn, UUID domainId) {
        if (domainId == null) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("SELECT is_archived FROM knowledge_domain WHERE id = $1").execute(Tuple.of(domainId)).map(rows -> {
            if (rows.size() == 0) {
                throw new ValidationException("domain_id", "is not a knowledge domain");
            }
            return null;
        });
    }

    private static NotFoundException notFound(UUID id) {
        return NotFoundException.of("Bot", id);
    }

    private static NotFoundException versionNotFound(UUID botId, UUID versionId) {
        return new NotFoundException("Version " + versionId + " of bot " + botId + " does not exist");
    }
}
