package dev.agentry.conversation.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.ConflictException;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ServiceException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.conversation.ConversationServiceConfig;
import dev.agentry.conversation.ticket.TicketStore;
import dev.agentry.common.channel.ChannelKey;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sessions: the Redis document is the live state, PostgreSQL the durable record.
 * <ul>
 * <li>Reads go hot, then persist (warming hot again), then PostgreSQL (warming both and the indexes),
 * then 404. A document of another tenant is a 404: its key holds no tenant, the JSON does.</li>
 * <li>Writes compare-and-set the persist copy on {@code version} (one key, a Lua script), then write
 * the hot copy only if it is older, slide the index TTLs, and bring the PostgreSQL row up to the
 * version (never down). A losing writer gets 409 with the current version.</li>
 * </ul>
 */
@ApplicationScoped
public class SessionService {

    private static final Pattern IF_MATCH = Pattern.compile("^\\s*(?:W/)?\"?(\\d{1,18})\"?\\s*$");
    private static final int CREATE_ATTEMPTS = 3;
    private static final int END_ATTEMPTS = 5;
    /** Compare-and-set attempts of a turn's session write: concurrent turns of one session retry past each other. */
    private static final int TURN_ATTEMPTS = 100;

    /** A created or continued session: {@code created} is false when the channel user's live one came back. */
    public record Created(Session session, boolean created) {
    }

    @Inject
    SessionRedisStore redis;

    @Inject
    SessionRecordStore records;

    /** An erasure redacts the tickets that came from the customer's sessions before the sessions go. */
    @Inject
    TicketStore tickets;

    @Inject
    TenantTransactions tx;

    @Inject
    TenantContext caller;

    @Inject
    ConversationServiceConfig config;

    @Inject
    ObjectMapper json;

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    // --- create --------------------------------------------------------------------------------------

    /**
     * Creates a session, or answers the live session of the same channel user: the channel index makes
     * that one lookup, and a compare-and-set on it (a Lua script) lets exactly one of many concurrent
     * creates win; the others answer the winner.
     */
    public Uni<Created> create(SessionCreate request) {
        ChannelKey key = request.key();
        UUID tenant = caller.tenantId();
        Map<String, Object> variables = request.variables() == null ? Map.of() : new LinkedHashMap<>(request.variables());
        checkVariables(variables);
        return redis.channelSession(tenant, key.channel(), key.userId())
                .flatMap(seen -> createOrContinue(tenant, key, request, variables, seen.orElse(null), CREATE_ATTEMPTS));
    }

    private Uni<Created> createOrContinue(UUID tenant, ChannelKey key, SessionCreate request, Map<String, Object> variables,
            UUID seen, int attemptsLeft) {
        Uni<Optional<Session>> current = seen == null ? Uni.createFrom().item(Optional.empty()) : find(tenant, seen);
        return current.flatMap(found -> {
            if (found.isPresent() && found.get().isLive()) {
                return Uni.createFrom().item(new Created(found.get(), false));
            }
            if (attemptsLeft <= 0) {
                throw new ConflictException("user_channel_id", "sessions of this channel user are being changed concurrently; retry");
            }
            UUID id = Ids.newId();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Session session = new Session(id, tenant, request.agentId(), null, null, request.customerProfileId(), key.channel(),
                    key.userId(), SessionStatus.ACTIVE, variables, null, null, null, List.of(), null, now, now, null,
                    Session.threadId(tenant, key.userId(), id), 1);
            return redis.createPersist(session)
                    .flatMap(ok -> redis.putHotIfNewer(session))
                    .flatMap(ok -> tx.inTenant(tenant, conn -> records.insert(conn, session))
                            // No durable row, no session: the keys just written must not linger for 7 days.
                            .onFailure().call(e -> redis.deleteHot(id).flatMap(v -> redis.deletePersist(id))))
                    .flatMap(ok -> redis.claimChannel(tenant, key.channel(), key.userId(), seen, id))
                    .flatMap(winner -> {
                        if (winner.equals(id)) {
                            return redis.index(session).replaceWith(new Created(session, true));
                        }
                        // Another create took the channel user first: drop ours, answer theirs.
                        return discard(session).flatMap(v -> createOrContinue(tenant, key, request, variables, winner,
                                attemptsLeft - 1));
                    });
        });
    }

    private Uni<Void> discard(Session session) {
        return redis.deleteHot(session.sessionId())
                .flatMap(v -> redis.deletePersist(session.sessionId()))
                .flatMap(v -> tx.inTenant(session.tenantId(), conn -> conn
                        .preparedQuery("DELETE FROM sessions WHERE tenant_id = $1 AND id = $2")
                        .execute(io.vertx.mutiny.sqlclient.Tuple.of(session.tenantId(), session.sessionId()))))
                .replaceWithVoid();
    }

    // --- read ----------------------------------------------------------------------------------------

    public Uni<Session> get(UUID id) {
        return require(caller.tenantId(), id);
    }

    /**
     * The session as the API's JSON: the hot key's document as it is when it is there (checked for
     * the tenant inside it), else the session found as {@link #get} finds it, written out.
     */
    public Uni<SessionDocument> getDocument(UUID id) {
        UUID tenant = caller.tenantId();
        return redis.getHotDocument(id).flatMap(hot -> {
            if (hot.isPresent()) {
                if (!hot.get().tenantId().equals(tenant)) {
                    throw NotFoundException.of("session", id);
                }
                return Uni.createFrom().item(hot.get());
            }
            return require(tenant, id).map(s -> new SessionDocument(redis.write(s), s.tenantId(), s.version()));
        });
    }

    private Uni<Session> require(UUID tenant, UUID id) {
        return find(tenant, id).map(found -> found.orElseThrow(() -> NotFoundException.of("session", id)));
    }

    /** Hot, then persist (warming hot), then PostgreSQL (warming persist, hot and the indexes). */
    public Uni<Optional<Session>> find(UUID tenant, UUID id) {
        return redis.getHot(id).flatMap(hot -> {
            if (hot.isPresent()) {
                return Uni.createFrom().item(ofTenant(hot, tenant));
            }
            return redis.getPersist(id).flatMap(persisted -> {
                if (persisted.isPresent()) {
                    Optional<Session> mine = ofTenant(persisted, tenant);
                    if (mine.isPresent() && mine.get().isLive()) {
                        return redis.putHotIfNewer(mine.get()).replaceWith(mine);
                    }
                    return Uni.createFrom().item(mine);
                }
                return tx.inTenant(tenant, conn -> records.find(conn, tenant, id)).flatMap(durable -> {
                    if (durable.isEmpty()) {
                        return Uni.createFrom().item(durable);
                    }
                    Session s = durable.get();
                    Uni<Boolean> warmHot = s.isLive() ? redis.putHotIfNewer(s) : Uni.createFrom().item(false);
                    return redis.putPersistIfNewer(s).flatMap(ok -> warmHot).flatMap(ok -> redis.index(s)).replaceWith(durable);
                });
            });
        });
    }

    /** Hot, then persist only: what a list shows (an index names only sessions that still have keys). */
    private Uni<Optional<Session>> findInRedis(UUID tenant, UUID id) {
        return redis.getHot(id).flatMap(hot -> hot.isPresent() ? Uni.createFrom().item(ofTenant(hot, tenant))
                : redis.getPersist(id).map(p -> ofTenant(p, tenant)));
    }

    private static Optional<Session> ofTenant(Optional<Session> session, UUID tenant) {
        return session.filter(s -> tenant.equals(s.tenantId()));
    }

    // --- write ---------------------------------------------------------------------------------------

    /** Merges variables and sets the status of a live session at the version {@code ifMatch} names. */
    public Uni<Session> patch(UUID id, String ifMatch, SessionPatch patch) {
        long expected = parseIfMatch(ifMatch);
        if (patch == null || (patch.variables() == null && patch.status() == null)) {
            throw new ValidationException("variables", "send variables, status or both");
        }
        if (patch.status() != null && patch.status().isTerminal()) {
            throw new ValidationException("status", "must be active, idle or escalated (end a session with POST /v1/sessions/{id}/end)");
        }
        if (patch.variables() != null) {
            patch.variables().keySet().forEach(SessionService::checkVariableName);
        }
        UUID tenant = caller.tenantId();
        return require(tenant, id).flatMap(current -> {
            if (current.version() != expected) {
                throw new VersionConflictException(current.version());
            }
            if (!current.isLive()) {
                throw new ConflictException("status", "the session has ended");
            }
            Map<String, Object> variables = new LinkedHashMap<>(current.variables());
            if (patch.variables() != null) {
                patch.variables().forEach((k, v) -> {
                    if (v == null) {
                        variables.remove(k);
                    } else {
                        variables.put(k, v);
                    }
                });
            }
            checkVariables(variables);
            SessionStatus status = patch.status() == null ? current.status() : patch.status();
            return write(tenant, current, current.next(variables, status, now(), null));
        });
    }

    /**
     * Applies a turn's change to a live session by compare-and-set, re-reading and re-applying on a
     * concurrent write (up to a few attempts): two turns of one session are applied one after the other.
     */
    public Uni<Session> recordTurn(UUID id, java.util.function.UnaryOperator<Session> change) {
        return recordTurn(caller.tenantId(), id, change, TURN_ATTEMPTS);
    }

    private Uni<Session> recordTurn(UUID tenant, UUID id, java.util.function.UnaryOperator<Session> change, int attemptsLeft) {
        return require(tenant, id).flatMap(current -> {
            if (!current.isLive()) {
                throw new ConflictException("status", "the session has ended");
            }
            // A lost race waits a little, at random, before it re-reads: many turns of one session at once
            // (a burst from one widget) would otherwise keep colliding.
            return write(tenant, current, change.apply(current))
                    .onFailure(e -> attemptsLeft > 1 && e instanceof VersionConflictException)
                    .recoverWithUni(e -> Uni.createFrom().voidItem().onItem()
                            .delayIt().by(java.time.Duration.ofMillis(java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 8)))
                            .flatMap(v -> recordTurn(tenant, id, change, attemptsLeft - 1)));
        });
    }

    /** Ends a session: status and ended_at set, hot key dropped, persist and PostgreSQL kept. */
    public Uni<Session> end(UUID id, String ifMatch, SessionEnd body) {
        SessionStatus status = body == null || body.status() == null ? SessionStatus.ENDED : body.status();
        if (!status.isTerminal()) {
            throw new ValidationException("status", "must be ended, failed or cancelled");
        }
        Long expected = ifMatch == null || ifMatch.isBlank() ? null : parseIfMatch(ifMatch);
        return end(caller.tenantId(), id, status, expected, END_ATTEMPTS);
    }

    private Uni<Session> end(UUID tenant, UUID id, SessionStatus status, Long expected, int attemptsLeft) {
        return require(tenant, id).flatMap(current -> {
            if (expected != null && current.version() != expected) {
                throw new VersionConflictException(current.version());
            }
            if (!current.isLive()) {
                return Uni.createFrom().item(current);
            }
            Instant now = now();
            return write(tenant, current, current.next(current.variables(), status, now, now))
                    .flatMap(ended -> redis.releaseChannel(tenant, ended.channel(), ended.userChannelId(), ended.sessionId())
                            .replaceWith(ended))
                    .onFailure(e -> expected == null && attemptsLeft > 1 && e instanceof VersionConflictException)
                    .recoverWithUni(e -> end(tenant, id, status, null, attemptsLeft - 1));
        });
    }

    /**
     * Compare-and-set of the persist copy from {@code current} to {@code next}; when the persist key
     * is gone (expired, or the session was read from hot or PostgreSQL) it is written back first.
     */
    private Uni<Session> write(UUID tenant, Session current, Session next) {
        return redis.compareAndSet(next, current.version()).flatMap(result -> {
            if (result.written()) {
                return afterWrite(tenant, next);
            }
            if (!result.missing()) {
                throw new VersionConflictException(result.currentVersion());
            }
            return redis.putPersistIfNewer(current).flatMap(ok -> redis.compareAndSet(next, current.version())).flatMap(again -> {
                if (again.written()) {
                    return afterWrite(tenant, next);
                }
                if (again.missing()) {
                    throw new ServiceException(503, "unavailable", "Service Unavailable",
                            "the session store did not keep the session; retry", List.of());
                }
                throw new VersionConflictException(again.currentVersion());
            });
        });
    }

    private Uni<Session> afterWrite(UUID tenant, Session next) {
        Uni<?> hot = next.isLive() ? redis.putHotIfNewer(next) : redis.deleteHot(next.sessionId());
        return hot.flatMap(v -> redis.index(next))
                .flatMap(v -> tx.inTenant(tenant, conn -> records.update(conn, next)))
                .replaceWith(next);
    }

    // --- lists ---------------------------------------------------------------------------------------

    public Uni<Page<Session>> listByAgent(UUID agentId, PageRequest page) {
        UUID tenant = caller.tenantId();
        return listIndex(SessionKeys.agentIndex(tenant, agentId), tenant, page, s -> agentId.equals(s.agentId()));
    }

    public Uni<Page<Session>> listByCustomer(UUID profileId, PageRequest page) {
        UUID tenant = caller.tenantId();
        return listIndex(SessionKeys.customerIndex(tenant, profileId), tenant, page,
                s -> profileId.equals(s.customerProfileId()));
    }

    /** The channel user's current session (the channel index names at most one), as a list. */
    public Uni<Page<Session>> listByChannel(String channel, String userChannelId) {
        ChannelKey key = ChannelKey.of(channel, userChannelId, "user_channel_id");
        UUID tenant = caller.tenantId();
        return redis.channelSession(tenant, key.channel(), key.userId()).flatMap(id -> id.isEmpty()
                ? Uni.createFrom().item(new Page<Session>(List.of(), null))
                : findInRedis(tenant, id.get()).map(s -> new Page<>(s.stream()
                        .filter(x -> key.channel().equals(x.channel()) && key.userId().equals(x.userChannelId()))
                        .toList(), null)));
    }

    /**
     * A page of an index Set, newest first (ids are UUID v7), keyset on the id. Members whose session
     * has neither a hot nor a persist key any more are removed from the Set as they are met.
     */
    private Uni<Page<Session>> listIndex(String indexKey, UUID tenant, PageRequest page, Predicate<Session> belongs) {
        return redis.members(indexKey).flatMap(ids -> {
            List<UUID> candidates = new ArrayList<>(ids);
            candidates.sort(Comparator.reverseOrder());
            if (page.after() != null) {
                candidates.removeIf(id -> id.compareTo(page.after()) >= 0);
            }
            return collect(indexKey, tenant, candidates, 0, new ArrayList<>(), page, belongs);
        });
    }

    private Uni<Page<Session>> collect(String indexKey, UUID tenant, List<UUID> candidates, int from, List<Session> out,
            PageRequest page, Predicate<Session> belongs) {
        if (out.size() >= page.fetchSize() || from >= candidates.size()) {
            List<Session> rows = out.size() > page.fetchSize() ? out.subList(0, page.fetchSize()) : out;
            return Uni.createFrom().item(Page.of(rows, page, Session::sessionId));
        }
        List<UUID> chunk = candidates.subList(from, Math.min(candidates.size(), from + page.fetchSize() - out.size()));
        List<Uni<Optional<Session>>> loads = new ArrayList<>();
        for (UUID id : chunk) {
            loads.add(redis.getHot(id).flatMap(hot -> hot.isPresent() ? Uni.createFrom().item(hot) : redis.getPersist(id))
                    .flatMap(found -> found.isPresent() ? Uni.createFrom().item(found)
                            : redis.removeMember(indexKey, id).replaceWith(found)));
        }
        return Uni.join().all(loads).andFailFast().flatMap(found -> {
            for (Optional<Session> s : found) {
                s.filter(x -> tenant.equals(x.tenantId())).filter(belongs).ifPresent(out::add);
            }
            return collect(indexKey, tenant, candidates, from + chunk.size(), out, page, belongs);
        });
    }

    // --- profile merges ------------------------------------------------------------------------------

    /**
     * Moves every session of a merged profile to the surviving one: each live document by
     * compare-and-set (retried on a concurrent write), its customer index entry with it; then the
     * merged profile's index key goes, and rows that have no Redis keys any more are moved in
     * PostgreSQL directly. Safe to repeat.
     */
    public Uni<MergeReceipt> followMerge(CustomerMerge merge) {
        if (merge.fromProfileId().equals(merge.toProfileId())) {
            throw new ValidationException("to_profile_id", "must differ from from_profile_id");
        }
        return followMerge(caller.tenantId(), merge.fromProfileId(), merge.toProfileId());
    }

    /** As {@link #followMerge(CustomerMerge)}, for a tenant named by the caller (the event stream's follower). */
    public Uni<MergeReceipt> followMerge(UUID tenant, UUID from, UUID to) {
        String fromKey = SessionKeys.customerIndex(tenant, from);
        return tx.inTenant(tenant, conn -> records.keysOfCustomer(conn, tenant, from))
                .flatMap(durable -> redis.members(fromKey).flatMap(indexed -> {
                    java.util.Set<UUID> ids = new java.util.LinkedHashSet<>(indexed);
                    durable.forEach(k -> ids.add(k.id()));
                    Uni<Integer> moved = Uni.createFrom().item(0);
                    for (UUID id : ids) {
                        moved = moved.flatMap(n -> moveToProfile(tenant, id, from, to, END_ATTEMPTS).map(m -> m ? n + 1 : n));
                    }
                    return moved;
                }))
                .flatMap(moved -> redis.deleteKey(fromKey).replaceWith(moved))
                .flatMap(moved -> tx.inTenant(tenant, conn -> conn.preparedQuery("UPDATE sessions SET customer_profile_id = $3, "
                        + "updated_at = now() WHERE tenant_id = $1 AND customer_profile_id = $2")
                        .execute(io.vertx.mutiny.sqlclient.Tuple.of(tenant, from, to)))
                        .map(rows -> new MergeReceipt(from, to, Math.max(moved, rows.rowCount()))));
    }

    private Uni<Boolean> moveToProfile(UUID tenant, UUID id, UUID from, UUID to, int attemptsLeft) {
        return find(tenant, id).flatMap(found -> {
            if (found.isEmpty() || !from.equals(found.get().customerProfileId())) {
                return Uni.createFrom().item(false);
            }
            Session current = found.get();
            return write(tenant, current, current.withCustomer(to, now()))
                    .flatMap(moved -> redis.removeMember(SessionKeys.customerIndex(tenant, from), id)).replaceWith(true)
                    .onFailure(e -> attemptsLeft > 1 && e instanceof VersionConflictException)
                    .recoverWithUni(e -> moveToProfile(tenant, id, from, to, attemptsLeft - 1));
        });
    }

    // --- erasure -------------------------------------------------------------------------------------

    /**
     * Erases every session of a customer profile: their Redis keys (documents, index entries, the
     * channel index where it names them, the customer index) and their PostgreSQL rows, with the
     * messages, slots, decisions, actions and checkpoints that cascade from them. Safe to repeat.
     */
    public Uni<ErasureReceipt> erase(UUID profileId) {
        return erase(caller.tenantId(), profileId);
    }

    /** As {@link #erase(UUID)}, for a tenant named by an erasure event rather than a caller. */
    public Uni<ErasureReceipt> erase(UUID tenant, UUID profileId) {
        String customerKey = SessionKeys.customerIndex(tenant, profileId);
        return tx.inTenant(tenant, conn -> records.keysOfCustomer(conn, tenant, profileId))
                .flatMap(durable -> redis.members(customerKey).flatMap(indexed -> {
                    Map<UUID, SessionRecordStore.Keys> all = new LinkedHashMap<>();
                    durable.forEach(k -> all.put(k.id(), k));
                    List<Uni<Void>> steps = new ArrayList<>();
                    for (UUID id : indexed) {
                        if (!all.containsKey(id)) {
                            steps.add(redis.getPersist(id).flatMap(p -> p.filter(s -> tenant.equals(s.tenantId()))
                                    .map(s -> eraseKeys(tenant, new SessionRecordStore.Keys(s.sessionId(), s.agentId(),
                                            s.channel(), s.userChannelId())))
                                    .orElseGet(() -> Uni.createFrom().voidItem())));
                        }
                    }
                    all.values().forEach(k -> steps.add(eraseKeys(tenant, k)));
                    Uni<Void> redisDone = steps.isEmpty() ? Uni.createFrom().voidItem()
                            : Uni.join().all(steps).andFailFast().replaceWithVoid();
                    return redisDone.flatMap(v -> redis.deleteKey(customerKey));
                }))
                .flatMap(v -> tx.inTenant(tenant, conn -> records.countMessagesOfCustomer(conn, tenant, profileId)
                        .flatMap(messages -> tickets.redactOfCustomer(conn, tenant, profileId)
                                .flatMap(redacted -> records.deleteOfCustomer(conn, tenant, profileId)
                                        .map(sessions -> new ErasureReceipt(profileId, sessions, messages, redacted.tickets(),
                                                redacted.messages()))))));
    }

    private Uni<Void> eraseKeys(UUID tenant, SessionRecordStore.Keys k) {
        return redis.deleteHot(k.id())
                .flatMap(v -> redis.deletePersist(k.id()))
                .flatMap(v -> redis.removeMember(SessionKeys.agentIndex(tenant, k.agentId()), k.id()))
                .flatMap(v -> redis.releaseChannel(tenant, k.channel(), k.userChannelId(), k.id()));
    }

    // --- checks --------------------------------------------------------------------------------------

    static long parseIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ServiceException(428, "precondition-required", "Precondition Required",
                    "send If-Match with the session's version (its ETag)", List.of());
        }
        Matcher m = IF_MATCH.matcher(ifMatch);
        if (!m.matches()) {
            throw new ValidationException("If-Match", "must be the session's ETag, a quoted version such as \"3\"");
        }
        return Long.parseLong(m.group(1));
    }

    private static void checkVariableName(String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new ValidationException("variables", "names must be 1 to 100 characters");
        }
    }

    /** Whether {@code variables} stay within {@code max-variables-bytes} (a turn's update policies must not outgrow it). */
    public boolean variablesFit(Map<String, Object> variables) {
        try {
            return json.writeValueAsString(variables).getBytes(StandardCharsets.UTF_8).length <= config.maxVariablesBytes();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private void checkVariables(Map<String, Object> variables) {
        variables.keySet().forEach(SessionService::checkVariableName);
        try {
            int size = json.writeValueAsString(variables).getBytes(StandardCharsets.UTF_8).length;
            if (size > config.maxVariablesBytes()) {
                throw new ValidationException("variables", "at most " + config.maxVariablesBytes() + " bytes of JSON (got " + size + ")");
            }
        } catch (JsonProcessingException e) {
            throw new ValidationException("variables", "must be JSON");
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
