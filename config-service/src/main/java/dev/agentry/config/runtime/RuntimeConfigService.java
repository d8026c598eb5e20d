package dev.agentry.config.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.config.ConfigServiceConfig;
import dev.agentry.config.agent.Agent;
import dev.agentry.config.agent.AgentService;
import dev.agentry.config.agent.AgentStore;
import dev.agentry.config.agenttool.AgentTool;
import dev.agentry.config.agenttool.AgentToolStore;
import dev.agentry.config.llm.TenantLlmConfigStore;
import dev.agentry.config.outputformat.OutputFormat;
import dev.agentry.config.outputformat.OutputFormatStore;
import dev.agentry.config.permission.PermissionStore;
import dev.agentry.config.rule.RuleStore;
import dev.agentry.config.scenario.ScenarioStore;
import dev.agentry.config.template.TemplateStore;
import dev.agentry.config.tool.ToolConfigStore;
import dev.agentry.config.variable.VariableStore;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The resolved view the runtime reads once per turn, cached in Redis under the tenant's and the
 * platform's configuration generations ({@link ConfigGenerations}): a write bumps a generation, so
 * the next read misses and rebuilds, on every instance. A cache failure degrades to a database
 * read, never to an error.
 */
@ApplicationScoped
public class RuntimeConfigService {

    private static final Logger LOG = Logger.getLogger(RuntimeConfigService.class);
    static final int MAX_RULE_IDS = 1_000;
    static final int MAX_SCENARIOS = 200;
    static final int MAX_TEMPLATES = 500;
    static final int MAX_VARIABLES = 1_000;
    /** The generation of a view built while the cache was unreachable: it names no configuration state. */
    static final String UNCACHED = "uncached";

    @Inject
    TenantTransactions tx;

    @Inject
    AgentStore agents;

    @Inject
    RuleStore rules;

    @Inject
    ScenarioStore scenarios;

    @Inject
    TemplateStore templates;

    @Inject
    VariableStore variables;

    @Inject
    AgentToolStore agentTools;

    @Inject
    ToolConfigStore tools;

    @Inject
    OutputFormatStore formats;

    @Inject
    PermissionStore permissions;

    @Inject
    TenantLlmConfigStore llmConfigs;

    @Inject
    ConfigGenerations generations;

    @Inject
    ObjectMapper json;

    @Inject
    ConfigServiceConfig config;

    @Inject
    TenantContext caller;

    private final ReactiveValueCommands<String, String> cache;

    public RuntimeConfigService(ReactiveRedisDataSource redis) {
        this.cache = redis.value(String.class);
    }

    /** The view and whether it came from the cache. */
    public record Answer(RuntimeConfig config, boolean cached) {

        /**
         * Whether a caller holding the view of {@code generation} holds this one (gRPC's
         * not_modified). Never for a view built while the cache was unreachable: every such view is
         * {@value RuntimeConfigService#UNCACHED}, whatever changed in between.
         */
        public boolean isGeneration(String generation) {
            return !UNCACHED.equals(config.generation()) && config.generation().equals(generation);
        }
    }

    public Uni<Answer> get(UUID agentId) {
        UUID tenant = caller.tenantId();
        return generations.current(tenant).onFailure().recoverWithItem(e -> {
            LOG.warnf("runtime-config cache unavailable: %s", e.getMessage());
            return null;
        }).flatMap(generation -> {
            if (generation == null) {
                return build(tenant, agentId, UNCACHED).map(c -> new Answer(c, false));
            }
            String key = "agentry:config:runtime:" + tenant + ":" + agentId + ":" + generation;
            return cache.get(key).onFailure().recoverWithNull().flatMap(hit -> {
                if (hit != null) {
                    return Uni.createFrom().item(new Answer(read(hit), true));
                }
                return build(tenant, agentId, generation).call(c -> cache.setex(key, config.runtime().cacheTtl().toSeconds(), write(c))
                        .onFailure().recoverWithNull()).map(c -> new Answer(c, false));
            });
        });
    }

    private Uni<RuntimeConfig> build(UUID tenant, UUID agentId, String generation) {
        return tx.inTenant(tenant, conn -> agents.find(conn, tenant, agentId).flatMap(found -> {
            Agent agent = found.orElseThrow(() -> AgentService.notFound(agentId));
            return rules.enabledIds(conn, tenant, agentId, MAX_RULE_IDS + 1).flatMap(ruleIds -> scenarios.enabled(conn, tenant, agentId, MAX_SCENARIOS)
                    .flatMap(sc -> templates.all(conn, tenant, agentId, MAX_TEMPLATES)
                            .flatMap(tm -> variables.all(conn, tenant, agentId, MAX_VARIABLES)
                                    .flatMap(vars -> runtimeTools(conn, tenant, agentId)
                                            .flatMap(tl -> outputFormat(conn, tenant, agent)
                                                    .flatMap(fmt -> llmConfigs.find(conn, tenant).map(llm -> new RuntimeConfig(agent,
                                                            ruleIds.size() > MAX_RULE_IDS ? ruleIds.subList(0, MAX_RULE_IDS) : ruleIds,
                                                            ruleIds.size() > MAX_RULE_IDS,
                                                            sc.stream().map(s -> new RuntimeScenario(s.id(), s.name(), s.version(),
                                                                    s.entryStepId())).toList(),
                                                            tm, vars, tl, fmt.orElse(null), llm.orElse(null), generation,
                                                            Instant.now()))))))));
        }));
    }

    private Uni<List<RuntimeTool>> runtimeTools(SqlConnection conn, UUID tenant, UUID agentId) {
        return agentTools.top(conn, tenant, agentId, true, config.runtime().toolLimit()).flatMap(links -> {
            Uni<List<RuntimeTool>> out = Uni.createFrom().item(new ArrayList<>());
            for (AgentTool link : links) {
                out = out.flatMap(list -> tools.find(conn, tenant, link.toolId()).map(tool -> {
                    tool.ifPresent(t -> list.add(new RuntimeTool(t.id(), t.name(), t.baseToolType(), link.priority(), link.policyOverrides(),
                            t.config(), t.inputSchema(), t.outputFormatId(), t.description())));
                    return list;
                }));
            }
            return out;
        });
    }

    private Uni<Optional<OutputFormat>> outputFormat(SqlConnection conn, UUID tenant, Agent agent) {
        return permissions.outputOverride(conn, tenant, agent.id()).flatMap(override -> {
            UUID id = override.orElse(agent.defaultOutputFormatId());
            return id == null ? Uni.createFrom().item(Optional.empty()) : formats.find(conn, tenant, id);
        });
    }

    private String write(RuntimeConfig c) {
        try {
            return json.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private RuntimeConfig read(String cached) {
        try {
            return json.readValue(cached, RuntimeConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a cached runtime config could not be read", e);
        }
    }
}
