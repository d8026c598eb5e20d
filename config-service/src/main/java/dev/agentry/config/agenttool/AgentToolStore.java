package dev.agentry.config.agenttool;

import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.jsonb;
import static dev.agentry.common.db.Rows.object;

import dev.agentry.common.db.Rows;
import dev.agentry.config.tool.ToolConfigStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code config.agent_tools} (links and activations). */
@ApplicationScoped
public class AgentToolStore {

    private static final String COLUMNS = "l.agent_id, l.tool_id, t.name AS tool_name, b.type AS base_tool_type, l.priority, "
            + "l.enabled, l.policy_overrides, l.created_at, l.updated_at";
    private static final String FROM = " FROM agent_tools l JOIN tool_configs t ON t.tenant_id = l.tenant_id AND t.id = l.tool_id "
            + "JOIN base_tools b ON b.id = t.base_tool_id WHERE l.tenant_id = $1 AND " + String.format(ToolConfigStore.VISIBLE, "t") + " ";

    public Uni<Void> upsert(SqlConnection conn, UUID tenantId, UUID agentId, UUID toolId, AgentToolPut put) {
        return conn.preparedQuery("INSERT INTO agent_tools AS l (tenant_id, agent_id, tool_id, priority, enabled, policy_overrides) "
                + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, agent_id, tool_id) DO UPDATE SET priority = EXCLUDED.priority, "
                + "enabled = EXCLUDED.enabled, policy_overrides = EXCLUDED.policy_overrides, updated_at = now()")
                .execute(Tuple.from(new Object[] { tenantId, agentId, toolId, put.priority(), put.enabled() == null || put.enabled(),
                        jsonb(put.policyOverrides()) }))
                .replaceWithVoid();
    }

    public Uni<Optional<AgentTool>> find(SqlConnection conn, UUID tenantId, UUID agentId, UUID toolId) {
        return conn.preparedQuery("SELECT " + COLUMNS + FROM + "AND l.agent_id = $2 AND l.tool_id = $3")
                .execute(Tuple.of(tenantId, agentId, toolId))
                .map(rows -> Rows.first(rows, AgentToolStore::map));
    }

    /**
     * The agent's tools, lowest priority number first ("top N" of the seed), permitted ones only;
     * {@code activeOnly} also drops links switched off and tools disabled.
     */
    public Uni<List<AgentTool>> top(SqlConnection conn, UUID tenantId, UUID agentId, boolean activeOnly, int limit) {
        return conn.preparedQuery("SELECT " + COLUMNS + FROM + "AND l.agent_id = $2 AND (NOT $3 OR (l.enabled AND t.enabled)) "
                + "ORDER BY l.priority, l.tool_id LIMIT $4").execute(Tuple.of(tenantId, agentId, activeOnly, limit))
                .map(rows -> Rows.list(rows, AgentToolStore::map));
    }

    public Uni<Boolean> delete(SqlConnection conn, UUID tenantId, UUID agentId, UUID toolId) {
        return conn.preparedQuery("DELETE FROM agent_tools WHERE tenant_id = $1 AND agent_id = $2 AND tool_id = $3")
                .execute(Tuple.of(tenantId, agentId, toolId))
                .map(rows -> rows.rowCount() == 1);
    }

    static AgentTool map(Row row) {
        return new AgentTool(row.getUUID("agent_id"), row.getUUID("tool_id"), row.getString("tool_name"),
                row.getString("base_tool_type"), row.getInteger("priority"), row.getBoolean("enabled"), object(row, "policy_overrides"),
                instant(row, "created_at"), instant(row, "updated_at"));
    }
}
