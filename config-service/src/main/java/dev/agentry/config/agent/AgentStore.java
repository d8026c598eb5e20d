package dev.agentry.config.agent;

import static dev.agentry.common.db.Rows.enumValue;
import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.jsonb;
import static dev.agentry.common.db.Rows.object;
import static dev.agentry.common.db.Rows.strings;
import static dev.agentry.common.db.Rows.wire;

import dev.agentry.common.db.Rows;
import dev.agentry.common.db.SqlErrors;
import dev.agentry.common.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code config.agents}, inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class AgentStore {

    /**
     * An agent the tenant may see: live and not switched off for the tenant by the platform
     * ({@code tenant_agent_permissions.enabled = false}). {@code %1$s} is the agents alias.
     */
    public static final String VISIBLE = "%1$s.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM tenant_agent_permissions p "
            + "WHERE p.tenant_id = %1$s.tenant_id AND p.agent_id = %1$s.id AND NOT p.enabled)";

    private static final String COLUMNS = "a.id, a.name, a.slug, a.description, a.system_prompt, a.prompt_template, "
            + "a.model_provider, a.model_name, a.temperature::float8 AS temperature, a.max_tokens, a.llm_model_id, "
            + "a.default_output_format_id, a.handler_class, a.capabilities, a.tools, a.timeout_seconds, a.max_iterations, "
            + "a.memory_enabled, a.status, a.version, a.tags, a.config, a.metadata, a.enabled, a.created_at, a.updated_at";
    private static final Map<String, String> UNIQUE = Map.of("uq_agents_tenant_name", "name", "uq_agents_tenant_slug", "slug");

    /** The SQL condition that the agent {@code alias.agent_id} is visible; for stores of the agent's children. */
    public static String visibleAgent(String childAlias) {
        return "EXISTS (SELECT 1 FROM agents va WHERE va.tenant_id = " + childAlias + ".tenant_id AND va.id = "
                + childAlias + ".agent_id AND " + String.format(VISIBLE, "va") + ")";
    }

    /**
     * Holds the tenant's agent creation until the transaction ends, so that two creates at once
     * cannot both see room under the plan's {@code max_agents}. A transaction advisory lock, not a
     * row lock on {@code tenants}: the tenant's own role may read its tenant row but not update it.
     */
    public Uni<Void> lockQuota(SqlConnection conn, UUID tenantId) {
        return conn.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended('agents:' || $1, 0))")
                .execute(Tuple.of(tenantId.toString())).replaceWithVoid();
    }

    /** The tenant's {@code max_agents} (its row in {@code tenants}) and its live agents, after {@link #lockQuota}. */
    public Uni<AgentQuota> quota(SqlConnection conn, UUID tenantId) {
        return conn.preparedQuery("SELECT t.max_agents, (SELECT count(*) FROM agents a WHERE a.tenant_id = $1 "
                + "AND a.deleted_at IS NULL) AS live FROM tenants t WHERE t.id = $1")
                .execute(Tuple.of(tenantId))
                .map(rows -> Rows.first(rows, r -> new AgentQuota(r.getLong("max_agents"), r.getLong("live")))
                        .orElse(new AgentQuota(Long.MAX_VALUE, 0)));
    }

    public Uni<Agent> insert(SqlConnection conn, UUID tenantId, UUID id, AgentCreate c) {
        ModelSettings m = c.model() == null ? new ModelSettings(null, null, null, null) : c.model();
        AgentLimits l = c.limits() == null ? new AgentLimits(null, null) : c.limits();
        return conn.preparedQuery("WITH a AS (INSERT INTO agents (id, tenant_id, name, slug, description, system_prompt, "
                + "prompt_template, model_provider, model_name, temperature, max_tokens, llm_model_id, default_output_format_id, "
                + "handler_class, capabilities, tools, timeout_seconds, max_iterations, memory_enabled, status, version, tags, "
                + "config, metadata, enabled) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::float8, $11, $12, $13, $14, $15, "
                + "$16, $17, $18, $19, $20, $21, $22, $23, $24, $25) RETURNING *) SELECT " + COLUMNS + " FROM a")
                .execute(Tuple.from(new Object[] { id, tenantId, c.name().strip(), c.slug(), c.description(), c.systemPrompt(),
                        c.promptTemplate(), m.provider(), m.name(), m.temperature(), m.maxTokens(), c.llmModelId(),
                        c.defaultOutputFormatId(), c.handlerClass(), jsonb(c.capabilities()), jsonb(c.tools()),
                        l.timeoutSeconds(), l.maxIterations(), Boolean.TRUE.equals(c.memoryEnabled()),
                        wire(c.status() == null ? AgentStatus.ACTIVE : c.status()), c.version() == null ? "1.0.0" : c.version(),
                        jsonb(c.tags()), jsonb(c.config()), jsonb(c.metadata()), c.enabled() == null || c.enabled() }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> map(rows.iterator().next()));
    }

    /** The agent if the tenant may see it. */
    public Uni<Optional<Agent>> find(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM agents a WHERE a.tenant_id = $1 AND a.id = $2 AND "
                + String.format(VISIBLE, "a")).execute(Tuple.of(tenantId, id)).map(rows -> Rows.first(rows, AgentStore::map));
    }

    /** Whether the tenant may see the agent; locks it against a concurrent delete when {@code lock}. */
    public Uni<Boolean> exists(SqlConnection conn, UUID tenantId, UUID id, boolean lock) {
        return conn.preparedQuery("SELECT 1 FROM agents a WHERE a.tenant_id = $1 AND a.id = $2 AND " + String.format(VISIBLE, "a")
                + (lock ? " FOR SHARE OF a" : "")).execute(Tuple.of(tenantId, id)).map(rows -> rows.size() == 1);
    }

    /** Whether a live agent with this id exists in the bound tenant, visible or not (the platform's permission writes). */
    public Uni<Boolean> existsAny(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("SELECT 1 FROM agents WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> rows.size() == 1);
    }

    /** The subset of {@code ids} that are visible agents of the tenant. */
    public Uni<List<UUID>> existing(SqlConnection conn, UUID tenantId, List<UUID> ids) {
        return conn.preparedQuery("SELECT a.id FROM agents a WHERE a.tenant_id = $1 AND a.id = ANY($2) AND "
                + String.format(VISIBLE, "a")).execute(Tuple.of(tenantId, ids.toArray(UUID[]::new))).map(rows -> Rows.list(rows, r -> r.getUUID("id")));
    }

    public Uni<List<Agent>> list(SqlConnection conn, UUID tenantId, AgentStatus status, Boolean enabled, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM agents a WHERE a.tenant_id = $5 AND " + String.format(VISIBLE, "a")
                + " AND ($1::varchar IS NULL OR a.status = $1) AND ($2::boolean IS NULL OR a.enabled = $2) "
                + "AND ($3::uuid IS NULL OR a.id < $3) ORDER BY a.id DESC LIMIT $4")
                .execute(Tuple.of(wire(status), enabled, page.after(), page.fetchSize(), tenantId))
                .map(rows -> Rows.list(rows, AgentStore::map));
    }

    public Uni<Optional<Agent>> update(SqlConnection conn, UUID tenantId, UUID id, AgentUpdate u) {
        ModelSettings m = u.model() == null ? new ModelSettings(null, null, null, null) : u.model();
        AgentLimits l = u.limits() == null ? new AgentLimits(null, null) : u.limits();
        return conn.preparedQuery("WITH a AS (UPDATE agents a SET name = coalesce($2, name), slug = coalesce($3, slug), "
                + "description = coalesce($4, description), system_prompt = coalesce($5, system_prompt), "
                + "prompt_template = coalesce($6, prompt_template), model_provider = coalesce($7, model_provider), "
                + "model_name = coalesce($8, model_name), temperature = coalesce($9::float8, temperature), "
                + "max_tokens = coalesce($10, max_tokens), llm_model_id = coalesce($11, llm_model_id), "
                + "default_output_format_id = coalesce($12, default_output_format_id), handler_class = coalesce($13, handler_class), "
                + "capabilities = coalesce($14, capabilities), tools = coalesce($15, tools), "
                + "timeout_seconds = coalesce($16, timeout_seconds), max_iterations = coalesce($17, max_iterations), "
                + "memory_enabled = coalesce($18, memory_enabled), status = coalesce($19, status), version = coalesce($20, version), "
                + "tags = coalesce($21, tags), config = coalesce($22, config), metadata = coalesce($23, metadata), "
                + "enabled = coalesce($24, enabled), updated_at = now() WHERE a.tenant_id = $25 AND a.id = $1 AND "
                + String.format(VISIBLE, "a")
                + " RETURNING a.*) SELECT " + COLUMNS + " FROM a")
                .execute(Tuple.from(new Object[] { id, u.name() == null ? null : u.name().strip(), u.slug(), u.description(),
                        u.systemPrompt(), u.promptTemplate(), m.provider(), m.name(), m.temperature(), m.maxTokens(),
                        u.llmModelId(), u.defaultOutputFormatId(), u.handlerClass(),
                        u.capabilities() == null ? null : jsonb(u.capabilities()), u.tools() == null ? null : jsonb(u.tools()),
                        l.timeoutSeconds(), l.maxIterations(), u.memoryEnabled(), wire(u.status()), u.version(),
                        u.tags() == null ? null : jsonb(u.tags()), u.config() == null ? null : jsonb(u.config()),
                        u.metadata() == null ? null : jsonb(u.metadata()), u.enabled(), tenantId }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> Rows.first(rows, AgentStore::map));
    }

    public Uni<Boolean> softDelete(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("UPDATE agents a SET deleted_at = now(), updated_at = now() WHERE a.tenant_id = $1 AND a.id = $2 "
                + "AND " + String.format(VISIBLE, "a")).execute(Tuple.of(tenantId, id)).map(rows -> rows.rowCount() == 1);
    }

    static Agent map(Row row) {
        Double temperature = row.getDouble("temperature");
        return new Agent(row.getUUID("id"), row.getString("name"), row.getString("slug"), row.getString("description"),
                row.getString("system_prompt"), row.getString("prompt_template"),
                new ModelSettings(row.getString("model_provider"), row.getString("model_name"), temperature,
                        row.getInteger("max_tokens")),
                row.getUUID("llm_model_id"), row.getUUID("default_output_format_id"), row.getString("handler_class"),
                strings(row, "capabilities"), strings(row, "tools"),
                new AgentLimits(row.getInteger("timeout_seconds"), row.getInteger("max_iterations")),
                row.getBoolean("memory_enabled"), enumValue(row, "status", AgentStatus.class), row.getString("version"),
                strings(row, "tags"), object(row, "config"), object(row, "metadata"), row.getBoolean("enabled"),
                instant(row, "created_at"), instant(row, "updated_at"));
    }
}
