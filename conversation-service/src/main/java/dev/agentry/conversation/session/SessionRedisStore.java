package dev.agentry.conversation.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.conversation.ConversationServiceConfig;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * All Redis commands on sessions. Two clients: {@code hot} for {@code session:hot:*} (a cache) and
 * {@code persist} for {@code session:persist:*} and the indexes (locally both are the one server).
 * Every command names one key, so the same code runs on Redis Cluster; the conditional writes are Lua
 * scripts on that one key (EVAL with numkeys 1), atomic on the node that owns it.
 */
@ApplicationScoped
public class SessionRedisStore {

    /**
     * Compare-and-set on the version inside the JSON: KEYS[1] the document, ARGV[1] the expected
     * version, ARGV[2] the new JSON, ARGV[3] its TTL in ms. Answers -2 when written, -1 when the key is
     * missing, otherwise the current version (the caller lost).
     */
    static final String CAS = """
            local cur = redis.call('GET', KEYS[1])
            if not cur then return -1 end
            local v = tonumber(cjson.decode(cur)['version'])
            if v ~= tonumber(ARGV[1]) then return v end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return -2
            """;

    /**
     * Writes the document unless the key holds the same or a newer version (then only slides its TTL
     * when the versions are equal): re-warming and the hot copy never overwrite a newer write.
     * KEYS[1], ARGV[1] version, ARGV[2] JSON, ARGV[3] TTL ms. Answers 1 when written, 0 otherwise.
     */
    static final String PUT_IF_NEWER = """
            local cur = redis.call('GET', KEYS[1])
            if cur then
              local v = tonumber(cjson.decode(cur)['version'])
              if v == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[3]) return 0 end
              if v > tonumber(ARGV[1]) then return 0 end
            end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1
            """;

    /**
     * Points the channel index at a new session if it is empty or still holds ARGV[1] (the session
     * the caller saw there, '' for none): KEYS[1], ARGV[2] the new id, ARGV[3] TTL ms. Answers the
     * id the key holds afterwards (the caller's, or the one that won).
     */
    static final String CLAIM = """
            local cur = redis.call('GET', KEYS[1])
            if (not cur and ARGV[1] == '') or cur == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              return ARGV[2]
            end
            return cur
            """;

    /** Deletes KEYS[1] if it holds ARGV[1]; answers 1 when deleted. */
    static final String DELETE_IF_EQUALS = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;

    /**
     * Adds ARGV[1] to the Set KEYS[1] and sets its TTL (ARGV[2] ms) in one step: two separate commands
     * may travel on two pooled connections and the expiry could then run before the Set exists.
     */
    static final String ADD_TO_INDEX = """
            redis.call('SADD', KEYS[1], ARGV[1])
            return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            """;

    /** Slides the TTL of KEYS[1] only while it names ARGV[1] (the channel index of a live session). */
    static final String SLIDE_IF_EQUALS = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0
            """;

    /** Outcome of a compare-and-set. */
    public record CasResult(boolean written, boolean missing, long currentVersion) {
    }

    @Inject
    @RedisClientName("hot")
    ReactiveRedisDataSource hot;

    @Inject
    @RedisClientName("persist")
    ReactiveRedisDataSource persist;

    @Inject
    ObjectMapper json;

    @Inject
    ConversationServiceConfig config;

    public Uni<Optional<Session>> getHot(UUID id) {
        return hot.execute("GET", SessionKeys.hot(id)).map(this::parse);
    }

    /** The hot key's document as it is stored, unparsed (the API's own JSON for the session). */
    public Uni<Optional<SessionDocument>> getHotDocument(UUID id) {
        return hot.execute("GET", SessionKeys.hot(id))
                .map(r -> r == null ? Optional.<SessionDocument> empty() : Optional.of(SessionDocument.of(r.toString())));
    }

    public Uni<Optional<Session>> getPersist(UUID id) {
        return persist.execute("GET", SessionKeys.persist(id)).map(this::parse);
    }

    /** Writes the persist copy unless it is missing or not at {@code expectedVersion}. */
    public Uni<CasResult> compareAndSet(Session next, long expectedVersion) {
        return persist.execute("EVAL", CAS, "1", SessionKeys.persist(next.sessionId()), Long.toString(expectedVersion),
                write(next), persistMillis()).map(r -> {
                    long v = r.toLong();
                    return new CasResult(v == -2, v == -1, v);
                });
    }

    /** Creates the persist copy of a new session; false when the key exists already. */
    public Uni<Boolean> createPersist(Session session) {
        return persist.execute("SET", SessionKeys.persist(session.sessionId()), write(session), "PX", persistMillis(), "NX")
                .map(r -> r != null);
    }

    public Uni<Boolean> putPersistIfNewer(Session session) {
        return putIfNewer(persist, SessionKeys.persist(session.sessionId()), session, persistMillis());
    }

    public Uni<Boolean> putHotIfNewer(Session session) {
        return putIfNewer(hot, SessionKeys.hot(session.sessionId()), session, Long.toString(config.hotTtl().toMillis()));
    }

    public Uni<Void> deleteHot(UUID id) {
        return hot.execute("DEL", SessionKeys.hot(id)).replaceWithVoid();
    }

    public Uni<Void> deletePersist(UUID id) {
        return persist.execute("DEL", SessionKeys.persist(id)).replaceWithVoid();
    }

    /** The session id the channel index holds, if any. */
    public Uni<Optional<UUID>> channelSession(UUID tenantId, String channel, String userId) {
        return persist.execute("GET", SessionKeys.channelIndex(tenantId, channel, userId))
                .map(r -> r == null ? Optional.<UUID>empty() : parseId(r.toString()));
    }

    /** Points the channel index at {@code newId} unless another session took it; answers the winner. */
    public Uni<UUID> claimChannel(UUID tenantId, String channel, String userId, UUID seen, UUID newId) {
        return persist.execute("EVAL", CLAIM, "1", SessionKeys.channelIndex(tenantId, channel, userId),
                seen == null ? "" : seen.toString(), newId.toString(), persistMillis())
                .map(r -> UUID.fromString(r.toString()));
    }

    public Uni<Void> releaseChannel(UUID tenantId, String channel, String userId, UUID sessionId) {
        return persist.execute("EVAL", DELETE_IF_EQUALS, "1", SessionKeys.channelIndex(tenantId, channel, userId),
                sessionId.toString()).replaceWithVoid();
    }

    /**
     * Adds the session to its agent and customer indexes and slides the TTL of every index key it is
     * in (one command per key: each may live on another node).
     */
    public Uni<Void> index(Session s) {
        List<Uni<Response>> commands = new ArrayList<>();
        String ttl = persistMillis();
        String id = s.sessionId().toString();
        commands.add(persist.execute("EVAL", ADD_TO_INDEX, "1", SessionKeys.agentIndex(s.tenantId(), s.agentId()), id, ttl));
        if (s.customerProfileId() != null) {
            commands.add(persist.execute("EVAL", ADD_TO_INDEX, "1", SessionKeys.customerIndex(s.tenantId(), s.customerProfileId()),
                    id, ttl));
        }
        if (s.isLive()) {
            commands.add(persist.execute("EVAL", SLIDE_IF_EQUALS, "1",
                    SessionKeys.channelIndex(s.tenantId(), s.channel(), s.userChannelId()), id, ttl));
        }
        return Uni.join().all(commands).andFailFast().replaceWithVoid();
    }

    public Uni<List<UUID>> members(String indexKey) {
        return persist.execute("SMEMBERS", indexKey).map(r -> {
            List<UUID> ids = new ArrayList<>();
            if (r != null) {
                for (Response member : r) {
                    parseId(member.toString()).ifPresent(ids::add);
                }
            }
            return ids;
        });
    }

    public Uni<Void> removeMember(String indexKey, UUID sessionId) {
        return persist.execute("SREM", indexKey, sessionId.toString()).replaceWithVoid();
    }

    public Uni<Void> deleteKey(String key) {
        return persist.execute("DEL", key).replaceWithVoid();
    }

    private Uni<Boolean> putIfNewer(ReactiveRedisDataSource ds, String key, Session session, String ttlMillis) {
        return ds.execute("EVAL", PUT_IF_NEWER, "1", key, Long.toString(session.version()), write(session), ttlMillis)
                .map(r -> r.toLong() == 1);
    }

    private String persistMillis() {
        return Long.toString(config.persistTtl().toMillis());
    }

    String write(Session session) {
        try {
            return json.writeValueAsString(session);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("session " + session.sessionId() + " cannot be written as JSON", e);
        }
    }

    private Optional<Session> parse(Response response) {
        if (response == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(response.toString(), Session.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a session document in Redis is not valid JSON", e);
        }
    }

    private static Optional<UUID> parseId(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
