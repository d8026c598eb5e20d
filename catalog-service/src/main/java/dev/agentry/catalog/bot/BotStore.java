package dev.agentry.catalog.bot;

import static dev.agentry.common.db.Rows.instant;

import dev.agentry.common.db.Rows;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on bots, their versions, capabilities, history and traffic split, inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class BotStore {

    private static final String BOT = "SELECT b.id, b.code, b.name, b.domain_id, b.agent_id, b.status, b.created_at, b.updated_at, "
            + "v.id AS active_version_id, v.version AS active_version FROM bot b "
            + "LEFT JOIN bot_version v ON v.tenant_id = b.tenant_id AND v.bot_id = b.id AND v.is_active ";
    private static final String VERSION = "SELECT v.id, v.bot_id, v.version, v.is_active, v.flow_config, v.system_prompt, v.note, "
            + "v.activated_at, v.created_at, coalesce((SELECT array_agg(c.code ORDER BY c.code) FROM bot_capability bc "
            + "JOIN system_capability c ON c.id = bc.capability_id WHERE bc.tenant_id = v.tenant_id AND bc.bot_version_id = v.id), "
            + "'{}') AS capabilities FROM bot_version v ";

    Uni<Void> insertBot(SqlConnection conn, UUID tenant, UUID id, BotCreate c) {
        return conn.preparedQuery("INSERT INTO bot (id, tenant_id, domain_id, agent_id, code, name) VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.from(new Object[] { id, tenant, c.domainId(), c.agentId(), c.code(), c.name().strip() }))
                .replaceWithVoid();
    }

    Uni<Boolean> updateBot(SqlConnection conn, UUID tenant, UUID id, BotUpdate u) {
        return conn.preparedQuery("UPDATE bot SET name = $3, domain_id = $4, agent_id = $5, status = $6, updated_at = now() "
                + "WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.from(new Object[] { tenant, id, u.name().strip(), u.domainId(), u.agentId(), u.status() }))
                .map(rows -> rows.rowCount() == 1);
    }

    Uni<Boolean> archive(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("UPDATE bot SET status = 'archived', updated_at = now() WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenant, id)).map(rows -> rows.rowCount() == 1);
    }

    Uni<Optional<Bot>> find(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery(BOT + "WHERE b.tenant_id = $1 AND b.id = $2").execute(Tuple.of(tenant, id))
                .map(rows -> Rows.first(rows, BotStore::bot));
    }

    /** Locks the bot row: serialises version numbering, activation, rollback and split changes per bot. */
    Uni<Boolean> lock(SqlConnection conn, UUID tenant, UUID id) {
        return conn.preparedQuery("SELECT id FROM bot WHERE tenant_id = $1 AND id = $2 FOR UPDATE").execute(Tuple.of(tenant, id))
                .map(rows -> rows.size() == 1);
    }

    Uni<List<Bot>> list(SqlConnection conn, UUID tenant, String status, UUID agentId, PageRequest page) {
        return conn.preparedQuery(BOT + "WHERE b.tenant_id = $1 AND ($2::text IS NULL OR b.status = $2) "
                + "AND ($3::uuid IS NULL OR b.agent_id = $3) AND ($4::uuid IS NULL OR b.id > $4) ORDER BY b.id LIMIT $5")
                .execute(Tuple.of(tenant, status, agentId, page.after(), page.fetchSize()))
                .map(rows -> Rows.list(rows, BotStore::bot));
    }

    Uni<Integer> nextVersion(SqlConnection conn, UUID tenant, UUID botId) {
        return conn.preparedQuery("SELECT coalesce(max(version), 0) + 1 FROM bot_version WHERE tenant_id = $1 AND bot_id = $2")
                .execute(Tuple.of(tenant, botId)).map(rows -> rows.iterator().next().getInteger(0));
    }

    /** Capability ids by code, of the codes that exist. */
    Uni<Map<String, UUID>> capabilities(SqlConnection conn, List<String> codes) {
        return conn.preparedQuery("SELECT code, id FROM system_capability WHERE code = ANY($1)")
                .execute(Tuple.of(codes.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, UUID> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getString(0), r.getUUID(1)));
                    return out;
                });
    }

    Uni<Void> insertVersion(SqlConnection conn, UUID tenant, UUID id, UUID botId, int version, BotVersionCreate c,
            List<UUID> capabilityIds) {
        Uni<Void> row = conn.preparedQuery("INSERT INTO bot_version (id, tenant_id, bot_id, version, flow_config, system_prompt, note) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(new Object[] { id, tenant, botId, version, Rows.jsonb(c.flowConfig()), c.systemPrompt(), c.note() }))
                .replaceWithVoid();
        if (capabilityIds.isEmpty()) {
            return row;
        }
        List<Tuple> batch = new ArrayList<>();
        capabilityIds.forEach(cap -> batch.add(Tuple.of(tenant, id, cap)));
        return row.chain(() -> conn.preparedQuery("INSERT INTO bot_capability (tenant_id, bot_version_id, capability_id) "
                + "VALUES ($1, $2, $3)").executeBatch(batch).replaceWithVoid());
    }

    Uni<Optional<BotVersion>> version(SqlConnection conn, UUID tenant, UUID botId, UUID versionId) {
        return conn.preparedQuery(VERSION + "WHERE v.tenant_id = $1 AND v.bot_id = $2 AND v.id = $3")
                .execute(Tuple.of(tenant, botId, versionId)).map(rows -> Rows.first(rows, BotStore::version));
    }

    Uni<List<BotVersion>> versions(SqlConnection conn, UUID tenant, UUID botId) {
        return conn.preparedQuery(VERSION + "WHERE v.tenant_id = $1 AND v.bot_id = $2 ORDER BY v.version DESC LIMIT 500")
                .execute(Tuple.of(tenant, botId)).map(rows -> Rows.list(rows, BotStore::version));
    }

    Uni<Boolean> deleteVersion(SqlConnection conn, UUID tenant, UUID botId, UUID versionId) {
        return conn.preparedQuery("DELETE FROM bot_version WHERE tenant_id = $1 AND bot_id = $2 AND id = $3")
                .execute(Tuple.of(tenant, botId, versionId)).map(rows -> rows.rowCount() == 1);
    }

    /** The id of the bot's active version, if any. */
    Uni<Optional<UUID>> activeVersion(SqlConnection conn, UUID tenant, UUID botId) {
        return conn.preparedQuery("SELECT id FROM bot_version WHERE tenant_id = $1 AND bot_id = $2 AND is_active")
                .execute(Tuple.of(tenant, botId)).map(rows -> Rows.first(rows, r -> r.getUUID(0)));
    }

    /** Deactivates the bot's active version, then activates {@code versionId} (under the bot's lock). */
    Uni<Void> switchActive(SqlConnection conn, UUID tenant, UUID botId, UUID versionId) {
        return conn.preparedQuery("UPDATE bot_version SET is_active = false WHERE tenant_id = $1 AND bot_id = $2 AND is_active")
                .execute(Tuple.of(tenant, botId))
                .chain(() -> conn.preparedQuery("UPDATE bot_version SET is_active = true, activated_at = now() "
                        + "WHERE tenant_id = $1 AND bot_id = $2 AND id = $3").execute(Tuple.of(tenant, botId, versionId)))
                .chain(() -> conn.preparedQuery("UPDATE bot SET updated_at = now() WHERE tenant_id = $1 AND id = $2")
                        .execute(Tuple.of(tenant, botId)))
                .replaceWithVoid();
    }

    /**
     * The version that was active before {@code current} became active: the {@code from} of the
     * latest activation or rollback that made {@code current} active.
     */
    Uni<Optional<UUID>> previousActive(SqlConnection conn, UUID tenant, UUID botId, UUID current) {
        return conn.preparedQuery("SELECT from_version_id FROM bot_version_event WHERE tenant_id = $1 AND bot_id = $2 "
                + "AND kind IN ('activate', 'rollback') AND to_version_id = $3 ORDER BY id DESC LIMIT 1")
                .execute(Tuple.of(tenant, botId, current))
                .map(rows -> rows.size() == 0 ? Optional.<UUID> empty() : Optional.ofNullable(rows.iterator().next().getUUID(0)));
    }

    Uni<Void> event(SqlConnection conn, UUID tenant, UUID botId, String kind, UUID from, UUID to, Map<String, Object> detail,
            String actor) {
        return conn.preparedQuery("INSERT INTO bot_version_event (id, tenant_id, bot_id, kind, from_version_id, to_version_id, detail, actor) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.from(new Object[] { Ids.newId(), tenant, botId, kind, from, to, Rows.jsonb(detail), actor }))
                .replaceWithVoid();
    }

    Uni<List<BotVersionEvent>> history(SqlConnection conn, UUID tenant, UUID botId, PageRequest page) {
        return conn.preparedQuery("SELECT id, bot_id, kind, from_version_id, to_version_id, detail, actor, created_at "
                + "FROM bot_version_event WHERE tenant_id = $1 AND bot_id = $2 AND ($3::uuid IS NULL OR id < $3) ORDER BY id DESC LIMIT $4")
                .execute(Tuple.of(tenant, botId, page.after(), page.fetchSize()))
                .map(rows -> Rows.list(rows, r -> new BotVersionEvent(r.getUUID("id"), r.getUUID("bot_id"), r.getString("kind"),
                        r.getUUID("from_version_id"), r.getUUID("to_version_id"), Rows.object(r, "detail"), r.getString("actor"),
                        instant(r, "created_at"))));
    }

    Uni<Optional<TrafficSplit>> split(SqlConnection conn, UUID tenant, UUID botId) {
        return conn.preparedQuery("SELECT s.version_a_id, a.version AS version_a, s.percent_a, s.version_b_id, b.version AS version_b, "
                + "s.percent_b FROM bot_traffic_split s "
                + "JOIN bot_version a ON a.tenant_id = s.tenant_id AND a.id = s.version_a_id "
                + "JOIN bot_version b ON b.tenant_id = s.tenant_id AND b.id = s.version_b_id "
                + "WHERE s.tenant_id = $1 AND s.bot_id = $2")
                .execute(Tuple.of(tenant, botId))
                .map(rows -> Rows.first(rows, r -> new TrafficSplit(List.of(
                        new TrafficSplit.Arm(r.getUUID("version_a_id"), r.getInteger("version_a"), r.getInteger("percent_a")),
                        new TrafficSplit.Arm(r.getUUID("version_b_id"), r.getInteger("version_b"), r.getInteger("percent_b"))))));
    }

    Uni<Void> putSplit(SqlConnection conn, UUID tenant, UUID botId, TrafficSplit s) {
        TrafficSplit.Arm a = s.arms().get(0);
        TrafficSplit.Arm b = s.arms().get(1);
        return conn.preparedQuery("INSERT INTO bot_traffic_split (tenant_id, bot_id, version_a_id, percent_a, version_b_id, percent_b) "
                + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, bot_id) DO UPDATE SET version_a_id = EXCLUDED.version_a_id, "
                + "percent_a = EXCLUDED.percent_a, version_b_id = EXCLUDED.version_b_id, percent_b = EXCLUDED.percent_b, updated_at = now()")
                .execute(Tuple.from(new Object[] { tenant, botId, a.versionId(), a.percent(), b.versionId(), b.percent() }))
                .replaceWithVoid();
    }

    Uni<Boolean> deleteSplit(SqlConnection conn, UUID tenant, UUID botId) {
        return conn.preparedQuery("DELETE FROM bot_traffic_split WHERE tenant_id = $1 AND bot_id = $2")
                .execute(Tuple.of(tenant, botId)).map(rows -> rows.rowCount() == 1);
    }

    Uni<Boolean> inSplit(SqlConnection conn, UUID tenant, UUID versionId) {
        return conn.preparedQuery("SELECT EXISTS (SELECT 1 FROM bot_traffic_split WHERE tenant_id = $1 AND version_a_id = $2) "
                + "OR EXISTS (SELECT 1 FROM bot_traffic_split WHERE tenant_id = $1 AND version_b_id = $2)")
                .execute(Tuple.of(tenant, versionId)).map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Version numbers by id, of the bot's versions among {@code ids}. */
    Uni<Map<UUID, Integer>> versionNumbers(SqlConnection conn, UUID tenant, UUID botId, List<UUID> ids) {
        return conn.preparedQuery("SELECT id, version FROM bot_version WHERE tenant_id = $1 AND bot_id = $2 AND id = ANY($3)")
                .execute(Tuple.of(tenant, botId, ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Integer> out = new LinkedHashMap<>();
                    rows.forEach(r -> out.put(r.getUUID(0), r.getInteger(1)));
                    return out;
                });
    }

    static Bot bot(Row row) {
        return new Bot(row.getUUID("id"), row.getString("code"), row.getString("name"), row.getUUID("domain_id"), row.getUUID("agent_id"),
                row.getString("status"), row.getUUID("active_version_id"), row.getInteger("active_version"), instant(row, "created_at"),
                instant(row, "updated_at"));
    }

    static BotVersion version(Row row) {
        String[] caps = row.getArrayOfStrings("capabilities");
        return new BotVersion(row.getUUID("id"), row.getUUID("bot_id"), row.getInteger("version"), row.getBoolean("is_active"),
                Rows.object(row, "flow_config"), row.getString("system_prompt"), row.getString("note"),
                caps == null ? List.of() : List.of(caps), instant(row, "activated_at"), instant(row, "created_at"));
    }
}
