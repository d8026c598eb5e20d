package dev.agentry.conversation;

import dev.agentry.common.testing.TestApi;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Shared steps of conversation-service tests: requests, fixtures through the API, Redis and row checks. */
public final class ConversationTestSupport extends TestApi {

    public static final List<String> TABLES = List.of("sessions", "messages", "context_slots", "decision_events",
            "action_executions", "workflow_executions", "checkpoints", "tickets", "ticket_status_changes", "ticket_messages",
            "ticket_external_refs", "support_settings", "support_connectors", "ticket_sync_outbox");

    private ConversationTestSupport() {
    }

    public static Map<String, Object> newSession(UUID agent, String channel, String user) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("agent_id", agent.toString());
        b.put("channel", channel);
        b.put("user_channel_id", user);
        return b;
    }

    /** Creates a session through the API (201) and answers its id. */
    public static UUID create(String token, Map<String, Object> body) {
        return UUID.fromString(as(token).body(body).post("/v1/sessions").then().statusCode(201).extract().path("session_id"));
    }

    /** Rows per table of one tenant, read as the owner with the tenant bound (RLS is forced on the owner too). */
    public static Map<String, Long> rowCounts(UUID tenant) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, scalar(tenant, "SELECT count(*) FROM conversation." + table));
        }
        return counts;
    }

    /** One number from SQL run as the owner with {@code tenant} bound. */
    public static long scalar(UUID tenant, String sql) {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.migrations.jdbc.url", String.class);
        String user = config.getValue("quarkus.datasource.migrations.username", String.class);
        String password = config.getOptionalValue("quarkus.datasource.migrations.password", String.class).orElse("");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("SELECT set_config('app.tenant_id', '" + tenant + "', false)");
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs SQL as the owner with {@code tenant} bound. */
    public static void execute(UUID tenant, String sql) {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.migrations.jdbc.url", String.class);
        String user = config.getValue("quarkus.datasource.migrations.username", String.class);
        String password = config.getOptionalValue("quarkus.datasource.migrations.password", String.class).orElse("");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("SELECT set_config('app.tenant_id', '" + tenant + "', false)");
            s.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every Redis key that names a tenant (the index keys), for cleaning up after a test class. */
    public static List<String> indexKeys(RedisDataSource redis, UUID tenant) {
        List<String> keys = new ArrayList<>();
        var cursor = redis.key().scan(new io.quarkus.redis.datasource.keys.KeyScanArgs().match("session:index:*:" + tenant + ":*").count(1000));
        while (cursor.hasNext()) {
            keys.addAll(cursor.next());
        }
        return keys;
    }

    /**
     * Deletes this tenant's session keys: every index key naming the tenant, and the hot and persist
     * documents of every session those indexes name. Never anything else.
     */
    public static void cleanRedis(RedisDataSource redis, UUID tenant) {
        if (tenant == null) {
            return;
        }
        for (String key : indexKeys(redis, tenant)) {
            List<String> ids = new ArrayList<>();
            String type = redis.execute("TYPE", key).toString();
            if ("set".equals(type)) {
                Response members = redis.execute("SMEMBERS", key);
                members.forEach(m -> ids.add(m.toString()));
            } else if ("string".equals(type)) {
                Response value = redis.execute("GET", key);
                if (value != null) {
                    ids.add(value.toString());
                }
            }
            for (String id : ids) {
                redis.execute("DEL", "session:hot:" + id);
                redis.execute("DEL", "session:persist:" + id);
            }
            redis.execute("DEL", key);
        }
    }
}
