package dev.agentry.config.scenario;

import dev.agentry.common.error.ValidationException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** Checks the scope of a rule or template: its scenario belongs to the same agent, its step exists. */
@ApplicationScoped
public class ScopeChecker {

    @Inject
    ScenarioStore scenarios;

    /** The effective scope as stored: GLOBAL clears both ids, SCENARIO clears the step. */
    public record Target(Scope scope, UUID scopeId, String stepId) {

        public static Target of(Scope scope, UUID scopeId, String stepId) {
            Scope s = scope == null ? Scope.GLOBAL : scope;
            return new Target(s, s == Scope.GLOBAL ? null : scopeId, s == Scope.STEP ? stepId : null);
        }
    }

    public Uni<Target> check(SqlConnection conn, UUID tenantId, UUID agentId, Scope scope, UUID scopeId, String stepId) {
        Scope s = scope == null ? Scope.GLOBAL : scope;
        if (s == Scope.GLOBAL) {
            if (scopeId != null || stepId != null) {
                throw new ValidationException(scopeId != null ? "scope_id" : "scope_step_id", "must be empty for a global scope");
            }
            return Uni.createFrom().item(Target.of(s, null, null));
        }
        if (scopeId == null) {
            throw new ValidationException("scope_id", "is required for a " + s.name().toLowerCase() + " scope (the scenario id)");
        }
        if (s == Scope.STEP && (stepId == null || stepId.isBlank())) {
            throw new ValidationException("scope_step_id", "is required for a step scope");
        }
        if (s == Scope.SCENARIO && stepId != null) {
            throw new ValidationException("scope_step_id", "must be empty for a scenario scope");
        }
        return scenarios.find(conn, tenantId, scopeId, false).map(found -> {
            Scenario scenario = found.filter(sc -> sc.agentId().equals(agentId))
                    .orElseThrow(() -> new ValidationException("scope_id", "no such scenario of this agent"));
            if (s == Scope.STEP && !scenario.hasStep(stepId)) {
                throw new ValidationException("scope_step_id", "no step '" + stepId + "' in the scenario's current version");
            }
            return Target.of(s, scopeId, stepId);
        });
    }
}
