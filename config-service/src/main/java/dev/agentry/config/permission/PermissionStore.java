package dev.agentry.config.permission;

import static dev.agentry.common.db.Rows.instant;

import dev.agentry.common.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code config.tenant_agent_permissions} and {@code config.tenant_tool_permissions}; writes need a platform transaction (RLS). */
@ApplicationScoped
public class PermissionStore {

    /** Each tenant has at most a few hundred switches; lists are bounded by this. */
    public static final int MAX = 500;

    public Uni<AgentPermission> putAgent(SqlConnection conn, UUID tenantId, UUID agentId, AgentPermissionPut put) {
        return conn.preparedQuery("INSERT INTO tenant_agent_permissions AS p (tenant_id, agent_id, enabled, output_override_id) "
                + "VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, agent_id) DO UPDATE SET enabled = EXCLUDED.enabled, "
                + "output_override_id = EXCLUDED.output_override_id, updated_at = now() RETURNING *")
                .execute(Tuple.of(tenantId, agentId, put.enabled(), put.outputOverrideId()))
                .map(rows -> agent(rows.iterator().next()));
    }

    public Uni<Boolean> deleteAgent(SqlConnection conn, UUID tenantId, UUID agentId) {
        return conn.preparedQuery("DELETE FROM tenant_agent_permissions WHERE tenant_id = $1 AND agent_id = $2")
                .execute(Tuple.of(tenantId, agentId))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<List<AgentPermission>> agents(SqlConnection conn, UUID tenantId) {
        return conn.preparedQuery("SELECT * FROM tenant_agent_permissions WHERE tenant_id = $1 ORDER BY agent_id LIMIT $2")
                .execute(Tuple.of(tenantId, MAX))
                .map(rows -> Rows.list(rows, PermissionStore::agent));
    }

    /** The tenant's output format override of an agent, if the platform set one. */
    public Uni<Optional<UUID>> outputOverride(SqlConnection conn, UUID tenantId, UUID agentId) {
        return conn.preparedQuery("SELECT output_override_id FROM tenant_agent_permissions WHERE tenant_id = $1 AND agent_id = $2 "
                + "AND output_override_id IS NOT NULL").execute(Tuple.of(tenantId, agentId))
                .map(rows -> Rows.first(rows, r -> r.getUUID("output_override_id")));
    }

    public Uni<ToolPermission> putTool(SqlConnection conn, UUID tenantId, UUID toolId, ToolPermissionPut put) {
        return conn.preparedQuery("INSERT INTO tenant_tool_permissions AS p (tenant_id, tool_id, enabled) VALUES ($1, $2, $3) "
                + "ON CONFLICT (tenant_id, tool_id) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now() RETURNING *")
                .execute(Tuple.of(tenantId, toolId, put.enabled())).map(rows -> tool(rows.iterator().next()));
    }

    public Uni<Boolean> deleteTool(SqlConnection conn, UUID tenantId, UUID toolId) {
        return conn.preparedQuery("DELETE FROM tenant_tool_permissions WHERE tenant_id = $1 AND tool_id = $2")
                .execute(Tuple.of(tenantId, toolId))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<List<ToolPermission>> tools(SqlConnection conn, UUID tenantId) {
        return conn.preparedQuery("SELECT * FROM tenant_tool_permissions WHERE tenant_id = $1 ORDER BY tool_id LIMIT $2")
                .execute(Tuple.of(tenantId, MAX))
                .map(rows -> Rows.list(rows, PermissionStore::tool));
    }

    private static AgentPermission agent(io.vertx.mutiny.sqlclient.Row r) {
        return new AgentPermission(r.getUUID("tenant_id"), r.getUUID("agent_id"), r.getBoolean("enabled"), r.getUUID("output_override_id"),
                instant(r, "created_at"), instant(r, "updated_at"));
    }

    private static ToolPermission tool(io.vertx.mutiny.sqlclient.Row r) {
        return new ToolPermission(r.getUUID("tenant_id"), r.getUUID("tool_id"), r.getBoolean("enabled"), instant(r, "created_at"),
                instant(r, "updated_at"));
    }
}
