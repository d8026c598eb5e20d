package dev.agentry.conversation.dialogue;

import dev.agentry.conversation.dependency.CallBudget;
import dev.agentry.conversation.dependency.Dependency;

import dev.agentry.conversation.ConversationServiceConfig;
import dev.agentry.conversation.dependency.ServiceCalls;
import dev.agentry.conversation.session.Session;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Live-session migration at the turn's start, its safe point (docs/config-service.md, "Contract with
 * conversation-service"): a session on a scenario version below the scenario's current one (from the
 * runtime config) asks config-service's
 * {@code GET /v1/scenarios/{S}/migration-plans/applicable?from_version=N&channel=} for the deployed
 * plan; the plan's {@code scope_filter} is checked against the session, its {@code transformation_map}
 * (or {@code anchor_policies.unmapped_step}) says where the step goes: {@code map} to a step of the
 * new version, {@code restart} at its entry step, {@code keep_anchor} stays on the old version,
 * {@code end} leaves the scenario. Plans chain: asked again from the new version until none applies.
 * A session anchored by {@code keep_anchor} remembers it in {@code pending_migration} and does not
 * ask again until the scenario gets a newer version than the one it was anchored at.
 */
@ApplicationScoped
public class LiveMigrations {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(LiveMigrations.class);

    /** The most plans one turn follows (a chain is one plan per version; this only bounds a broken one). */
    private static final int MAX_HOPS = 20;

    @Inject
    ServiceCalls calls;

    @Inject
    ConversationServiceConfig config;

    @Inject
    ScenarioVersions versions;

    /**
     * Where a migration leaves the session: {@code left} when a plan ended the scenario; the record
     * for {@code pending_migration} and the decision (null when nothing applied); whether a plan asked
     * to drop the session's variables; whether config-service failed to answer on the way.
     */
    public record Outcome(int version, String stepId, boolean left, Map<String, Object> record, boolean clearVariables,
            boolean degraded) {

        public boolean applied() {
            return record != null;
        }
    }

    public Uni<Outcome> migrate(CallBudget budget, String authorization, UUID tenant, Session session, Optional<AgentRuntime> runtime) {
        UUID scenarioId = session.activeScenarioId();
        int version = session.activeScenarioVersion() == null ? 1 : session.activeScenarioVersion();
        Outcome stay = new Outcome(version, session.currentStepId(), false, null, false, false);
        Optional<Integer> current = runtime.flatMap(r -> r.currentVersion(scenarioId));
        if (current.isEmpty() || current.get() <= version || anchored(session, current.get())) {
            return Uni.createFrom().item(stay);
        }
        // An answer that is not a plan as config-service writes it (a field missing) is a dependency that failed: stay, degraded.
        return hop(budget, authorization, tenant, session, current.get(), version, session.currentStepId(), new ArrayList<>(), false, 0)
                .onFailure(e -> !(e instanceof Error)).recoverWithItem(e -> {
                    LOG.warnf("migration of session %s not applied: %s", session.sessionId(), e.toString());
                    return new Outcome(version, session.currentStepId(), false, null, false, true);
                });
    }

    /** Anchored by keep_anchor on this scenario and version, and the scenario has no newer version than it had then. */
    static boolean anchored(Session session, int currentVersion) {
        if (!(session.pendingMigration() instanceof Map<?, ?> pending) || !"keep_anchor".equals(pending.get("action"))) {
            return false;
        }
        return Objects.equals(String.valueOf(session.activeScenarioId()), pending.get("scenario_id"))
                && pending.get("to_version") instanceof Number at && at.intValue() == session.activeScenarioVersion()
                && pending.get("current_version") instanceof Number seen && seen.intValue() >= currentVersion;
    }

    private Uni<Outcome> hop(CallBudget budget, String authorization, UUID tenant, Session session, int currentVersion, int version, String stepId,
            List<Map<String, Object>> plans, boolean clear, int hops) {
        UUID scenarioId = session.activeScenarioId();
        if (hops >= MAX_HOPS || version >= currentVersion) {
            return Uni.createFrom().item(done(session, currentVersion, version, stepId, false, plans, clear, false));
        }
        String url = config.turn().configUrl() + "/v1/scenarios/" + scenarioId + "/migration-plans/applicable?from_version=" + version
                + "&channel=" + URLEncoder.encode(session.channel(), StandardCharsets.UTF_8);
        return calls.get(Dependency.CONFIG, budget, url, authorization).flatMap(answer -> {
            if (answer.isEmpty()) {
                return Uni.createFrom().item(done(session, currentVersion, version, stepId, false, plans, clear, true));
            }
            JsonObject plan = answer.get().getJsonObject("plan");
            if (plan == null || !inScope(plan.getJsonObject("scope_filter"), session)) {
                return Uni.createFrom().item(done(session, currentVersion, version, stepId, false, plans, clear, false));
            }
            int to = plan.getInteger("to_version");
            JsonObject policies = DialogueJson.object(plan, "anchor_policies");
            JsonObject mapping = DialogueJson.object(plan, "transformation_map").getJsonObject(stepId);
            String action = (mapping != null ? mapping.getString("action") : policies.getString("unmapped_step", "restart"))
                    .toLowerCase(Locale.ROOT);
            boolean dropVariables = clear || Boolean.FALSE.equals(policies.getBoolean("preserve_variables"));
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("plan_id", plan.getString("id"));
            step.put("from_version", version);
            step.put("to_version", to);
            step.put("from_step", stepId);
            step.put("action", action);
            return switch (action) {
                case "map" -> {
                    if (mapping == null || mapping.getString("to_step") == null) {
                        throw new IllegalStateException("plan " + plan.getString("id") + " maps " + stepId + " to no step");
                    }
                    step.put("to_step", mapping.getString("to_step"));
                    plans.add(step);
                    yield hop(budget, authorization, tenant, session, currentVersion, to, mapping.getString("to_step"), plans, dropVariables, hops + 1);
                }
                case "restart" -> versions.get(budget, authorization, tenant, scenarioId, to).flatMap(definition -> {
                    if (definition.isEmpty() || definition.get().entryStepId() == null) {
                        return Uni.createFrom().item(done(session, currentVersion, version, stepId, false, plans, clear, true));
                    }
                    step.put("to_step", definition.get().entryStepId());
                    plans.add(step);
                    return hop(budget, authorization, tenant, session, currentVersion, to, definition.get().entryStepId(), plans, dropVariables,
                            hops + 1);
                });
                case "end" -> {
                    step.put("to_step", null);
                    plans.add(step);
                    yield Uni.createFrom().item(done(session, currentVersion, version, null, true, plans, dropVariables, false));
                }
                // keep_anchor: the session stays on this version (its anchor), remembered so it is not asked again.
                default -> {
                    step.put("to_step", stepId);
                    plans.add(step);
                    Outcome anchored = done(session, currentVersion, version, stepId, false, plans, clear, false);
                    anchored.record().put("action", "keep_anchor");
                    yield Uni.createFrom().item(anchored);
                }
            };
        });
    }

    private static Outcome done(Session session, int currentVersion, int version, String stepId, boolean left,
            List<Map<String, Object>> plans, boolean clear, boolean degraded) {
        if (plans.isEmpty()) {
            return new Outcome(version, stepId, false, null, false, degraded);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("scenario_id", String.valueOf(session.activeScenarioId()));
        record.put("from_version", session.activeScenarioVersion());
        record.put("to_version", version);
        record.put("from_step", session.currentStepId());
        record.put("to_step", left ? null : stepId);
        record.put("action", left ? "end" : "migrated");
        record.put("current_version", currentVersion);
        record.put("plans", List.copyOf(plans));
        record.put("migrated_at", Instant.now().toString());
        return new Outcome(version, stepId, left, record, clear, degraded);
    }

    /** The plan's scope filter against the session (channels are checked by config-service, told the channel). */
    static boolean inScope(JsonObject filter, Session session) {
        if (filter == null) {
            return true;
        }
        String after = filter.getString("session_started_after");
        String before = filter.getString("session_started_before");
        if (after != null && !session.createdAt().isAfter(Instant.parse(after))) {
            return false;
        }
        return before == null || session.createdAt().isBefore(Instant.parse(before));
    }
}
