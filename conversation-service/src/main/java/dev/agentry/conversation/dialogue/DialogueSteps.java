package dev.agentry.conversation.dialogue;

import dev.agentry.conversation.dependency.CallBudget;

import dev.agentry.conversation.dependency.ScenarioHit;
import dev.agentry.conversation.session.Session;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The turn's scenario step: a session in no scenario enters the best matched one (at or above the
 * threshold) at its entry step; a session in a scenario follows the first transition of its current
 * step whose condition holds ({@link TransitionConditions}), stays when none does, and leaves the
 * scenario on the turn after it reached a step without transitions. The scenario version comes from
 * config-service ({@link ScenarioVersions}); when it cannot be read the session stays where it is
 * (entering still goes to the matched entry step) and the answer says degraded.
 */
@ApplicationScoped
public class DialogueSteps {

    private static final Logger LOG = Logger.getLogger(DialogueSteps.class);

    @Inject
    ScenarioVersions versions;

    @Inject
    TransitionConditions conditions;

    @Inject
    LiveMigrations migrations;

    public Uni<ScenarioTurn> follow(CallBudget budget, String authorization, UUID tenant, Session session, List<ScenarioHit> matched,
            double threshold, TransitionConditions.TurnFacts facts, Optional<AgentRuntime> runtime) {
        if (session.activeScenarioId() == null) {
            Optional<ScenarioHit> hit = matched.stream().filter(s -> s.score() >= threshold).findFirst();
            if (hit.isEmpty()) {
                return Uni.createFrom().item(ScenarioTurn.none());
            }
            ScenarioHit entered = hit.get();
            return versions.get(budget, authorization, tenant, entered.scenarioId(), entered.version()).map(definition -> new ScenarioTurn(
                    entered.scenarioId(), entered.version(), entered.entryStepId(),
                    definition.flatMap(d -> d.step(entered.entryStepId())), hit, entered.scenarioId(), entered.version(), null,
                    Optional.of(String.format(java.util.Locale.ROOT, "entered (score %.3f)", entered.score())), definition.isEmpty(),
                    Optional.empty()));
        }
        UUID scenarioId = session.activeScenarioId();
        // The turn's start is the migration's safe point: a deployed plan moves the session first.
        return migrations.migrate(budget, authorization, tenant, session, runtime).flatMap(migrated -> {
            if (migrated.left()) {
                return Uni.createFrom().item(new ScenarioTurn(null, null, null, Optional.empty(), Optional.empty(), scenarioId,
                        session.activeScenarioVersion(), session.currentStepId(), Optional.of("a migration plan ended the scenario"),
                        false, Optional.empty()).after(migrated));
            }
            return follow(budget, authorization, tenant, session, scenarioId, migrated.version(), migrated.stepId(), facts)
                    .map(turn -> turn.after(migrated));
        });
    }

    /** Follows the transitions of {@code current} in {@code version} of the scenario. */
    private Uni<ScenarioTurn> follow(CallBudget budget, String authorization, UUID tenant, Session session, UUID scenarioId, int version, String current,
            TransitionConditions.TurnFacts facts) {
        return versions.get(budget, authorization, tenant, scenarioId, version).flatMap(definition -> {
            if (definition.isEmpty()) {
                return Uni.createFrom().item(stay(scenarioId, version, current, Optional.empty(), true));
            }
            Optional<ScenarioDefinition.Step> step = definition.get().step(current);
            if (step.isEmpty()) {
                LOG.warnf("session %s is on step %s, which scenario %s version %d does not have", session.sessionId(), current,
                        scenarioId, version);
                return Uni.createFrom().item(stay(scenarioId, version, current, step, false));
            }
            if (step.get().terminal()) {
                return Uni.createFrom().item(new ScenarioTurn(null, null, null, Optional.empty(), Optional.empty(), scenarioId,
                        version, current, Optional.of("the step ends the scenario"), false, step));
            }
            return firstThatHolds(step.get().transitions(), facts).map(taken -> taken
                    .map(t -> new ScenarioTurn(scenarioId, version, t.transition().to(), definition.get().step(t.transition().to()),
                            Optional.empty(), scenarioId, version, current, Optional.of(t.why()), false, step))
                    .orElseGet(() -> stay(scenarioId, version, current, step, false)));
        });
    }

    private static ScenarioTurn stay(UUID scenarioId, int version, String stepId, Optional<ScenarioDefinition.Step> step,
            boolean degraded) {
        return new ScenarioTurn(scenarioId, version, stepId, step, Optional.empty(), null, null, stepId, Optional.empty(), degraded,
                step);
    }

    private record Taken(ScenarioDefinition.Transition transition, String why) {
    }

    /** The first transition, in the author's order, whose condition holds (all are judged at once). */
    private Uni<Optional<Taken>> firstThatHolds(List<ScenarioDefinition.Transition> transitions,
            TransitionConditions.TurnFacts facts) {
        List<Uni<Optional<String>>> judged = new ArrayList<>();
        transitions.forEach(t -> judged.add(conditions.holds(t.condition(), facts)));
        return Uni.join().all(judged).andFailFast().map(whys -> {
            for (int i = 0; i < whys.size(); i++) {
                if (whys.get(i).isPresent()) {
                    return Optional.of(new Taken(transitions.get(i), whys.get(i).get()));
                }
            }
            return Optional.<Taken> empty();
        });
    }
}
