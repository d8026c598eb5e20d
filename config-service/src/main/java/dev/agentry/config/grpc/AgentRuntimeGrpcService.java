package dev.agentry.config.grpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.api.config.v1.AgentRuntime;
import dev.agentry.api.config.v1.RuleMatchReply;
import dev.agentry.api.config.v1.RuntimeConfigReply;
import dev.agentry.api.config.v1.RuntimeConfigRequest;
import dev.agentry.api.config.v1.ScenarioMatchReply;
import dev.agentry.common.grpc.GrpcCalls;
import dev.agentry.common.grpc.GrpcValues;
import dev.agentry.common.tenant.Roles;
import dev.agentry.config.rule.Rule;
import dev.agentry.config.rule.RuleMatch;
import dev.agentry.config.rule.RuleMatchRequest;
import dev.agentry.config.rule.RuleMatches;
import dev.agentry.config.rule.RuleService;
import dev.agentry.config.runtime.RuntimeConfigService;
import dev.agentry.config.scenario.ScenarioMatch;
import dev.agentry.config.scenario.ScenarioMatchRequest;
import dev.agentry.config.scenario.ScenarioMatches;
import dev.agentry.config.scenario.ScenarioService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

/**
 * {@code agentry.config.v1.AgentRuntime} (config-api): the turn's hot-path reads of {@code POST
 * /v1/agents/{id}/rules/match}, {@code POST /v1/agents/{id}/scenarios/match} and {@code GET
 * /v1/agents/{id}/runtime-config} over gRPC, through the same services, with the same roles. Only
 * the mapping between messages and records lives here. The gRPC requests have no {@code message}:
 * the caller sends the ready vector, so nothing is embedded on this path.
 */
@GrpcService
public class AgentRuntimeGrpcService implements AgentRuntime {

    @Inject
    GrpcCalls calls;

    @Inject
    RuleService rules;

    @Inject
    ScenarioService scenarios;

    @Inject
    RuntimeConfigService runtime;

    // The application's mapper (snake_case, ISO instants, lower-case enums): JSON texts as REST writes them.
    @Inject
    ObjectMapper json;

    @Override
    @RolesAllowed(Roles.VIEWER)
    public Uni<RuleMatchReply> matchRules(dev.agentry.api.config.v1.RuleMatchRequest request) {
        return calls.asTenant(() -> rules.match(GrpcValues.requiredUuid("agent_id", request.getAgentId()),
                calls.valid(new RuleMatchRequest(null, GrpcValues.vector(request.getEmbeddingList()),
                        GrpcValues.text(request.getEmbeddingModel()), GrpcValues.uuid("scenario_id", request.getScenarioId()),
                        GrpcValues.text(request.getStepId()), request.hasTopK() ? request.getTopK() : null,
                        GrpcValues.strategy(request.getStrategyValue())))))
                .map(this::reply);
    }

    @Override
    @RolesAllowed(Roles.VIEWER)
    public Uni<ScenarioMatchReply> matchScenarios(dev.agentry.api.config.v1.ScenarioMatchRequest request) {
        return calls.asTenant(() -> scenarios.match(GrpcValues.requiredUuid("agent_id", request.getAgentId()),
                calls.valid(new ScenarioMatchRequest(null, GrpcValues.vector(request.getEmbeddingList()),
                        GrpcValues.text(request.getEmbeddingModel()), request.hasTopK() ? request.getTopK() : null,
                        GrpcValues.strategy(request.getStrategyValue())))))
                .map(AgentRuntimeGrpcService::reply);
    }

    /**
     * The document REST answers, unless the caller already holds its generation. The generation is
     * compared after the document is fetched (from the cache, usually), not read alone: it is the
     * tenant's, so only the fetch tells whether this agent is the caller's to see (404 otherwise).
     */
    @Override
    @RolesAllowed(Roles.VIEWER)
    public Uni<RuntimeConfigReply> getRuntimeConfig(RuntimeConfigRequest request) {
        return calls.asTenant(() -> runtime.get(GrpcValues.requiredUuid("agent_id", request.getAgentId())))
                .map(answer -> {
                    RuntimeConfigReply.Builder reply = RuntimeConfigReply.newBuilder().setGeneration(answer.config().generation());
                    if (answer.isGeneration(request.getKnownGeneration())) {
                        return reply.setNotModified(true).build();
                    }
                    return reply.setConfigJson(write(answer.config())).build();
                });
    }

    private RuleMatchReply reply(RuleMatches matches) {
        RuleMatchReply.Builder reply = RuleMatchReply.newBuilder()
                .setStrategyValue(GrpcValues.strategyNumber(matches.strategy()))
                .setEmbeddingModel(GrpcValues.wire(matches.embeddingModel()));
        for (RuleMatch match : matches.items()) {
            reply.addItems(dev.agentry.api.config.v1.RuleMatch.newBuilder().setRule(rule(match.rule())).setScore(match.score()));
        }
        return reply.build();
    }

    private dev.agentry.api.config.v1.Rule rule(Rule rule) {
        return dev.agentry.api.config.v1.Rule.newBuilder()
                .setId(rule.id().toString())
                .setAgentId(rule.agentId().toString())
                .setName(GrpcValues.wire(rule.name()))
                .setDescription(GrpcValues.wire(rule.description()))
                .setConditionText(GrpcValues.wire(rule.conditionText()))
                .setEmbeddingModel(GrpcValues.wire(rule.embeddingModel()))
                .setActionType(GrpcValues.wire(rule.actionType()))
                .setActionConfigJson(rule.actionConfig() == null ? "" : write(rule.actionConfig()))
                // The contract spells the scope as the Java constant (GLOBAL, SCENARIO, STEP).
                .setScope(GrpcValues.wire(rule.scope()))
                .setScopeId(GrpcValues.wire(rule.scopeId()))
                .setScopeStepId(GrpcValues.wire(rule.scopeStepId()))
                .setPriority(rule.priority())
                .setEnabled(rule.enabled())
                .setCreatedAt(GrpcValues.wire(rule.createdAt()))
                .setUpdatedAt(GrpcValues.wire(rule.updatedAt()))
                .build();
    }

    private static ScenarioMatchReply reply(ScenarioMatches matches) {
        ScenarioMatchReply.Builder reply = ScenarioMatchReply.newBuilder()
                .setStrategyValue(GrpcValues.strategyNumber(matches.strategy()))
                .setEmbeddingModel(GrpcValues.wire(matches.embeddingModel()));
        for (ScenarioMatch match : matches.items()) {
            reply.addItems(dev.agentry.api.config.v1.ScenarioMatch.newBuilder()
                    .setScenarioId(match.scenarioId().toString())
                    .setName(GrpcValues.wire(match.name()))
                    .setVersion(match.version())
                    .setEntryStepId(GrpcValues.wire(match.entryStepId()))
                    .setEntryCondition(GrpcValues.wire(match.entryCondition()))
                    .setScore(match.score()));
        }
        return reply.build();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
