package dev.agentry.conversation.dialogue;

import dev.agentry.conversation.dependency.CallBudget;
import dev.agentry.conversation.dependency.Dependency;

import dev.agentry.conversation.ConversationServiceConfig;
import dev.agentry.conversation.dependency.ServiceCalls;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Scenario versions read from config-service ({@code GET /v1/scenarios/{id}/versions/{n}}) with the
 * caller's token, and kept per replica: a written version never changes, so a cached one is never
 * stale. The key holds the tenant, so one tenant's read never answers another's. A failed read is
 * not cached (the next turn asks again).
 */
@ApplicationScoped
public class ScenarioVersions {

    private static final Logger LOG = Logger.getLogger(ScenarioVersions.class);

    private record Key(UUID tenant, UUID scenarioId, int version) {
    }

    @Inject
    ServiceCalls calls;

    @Inject
    ConversationServiceConfig config;

    @Inject
    DialogueConfig dialogue;

    private BoundedCache<Key, ScenarioDefinition> cache;

    @PostConstruct
    void init() {
        cache = new BoundedCache<>(dialogue.scenarioCacheSize());
    }

    /** The version, cached or read; empty when config-service could not answer it (down, slow, 404, unreadable). */
    public Uni<Optional<ScenarioDefinition>> get(CallBudget budget, String authorization, UUID tenant, UUID scenarioId, int version) {
        Key key = new Key(tenant, scenarioId, version);
        ScenarioDefinition cached = cache.get(key);
        if (cached != null) {
            return Uni.createFrom().item(Optional.of(cached));
        }
        return calls.get(Dependency.CONFIG, budget, config.turn().configUrl() + "/v1/scenarios/" + scenarioId + "/versions/" + version, authorization)
                .map(answer -> answer.flatMap(json -> {
                    try {
                        return Optional.of(parse(scenarioId, version, json));
                    } catch (RuntimeException e) {
                        LOG.warnf("scenario %s version %d unreadable: %s", scenarioId, version, e.toString());
                        return Optional.<ScenarioDefinition> empty();
                    }
                }))
                .invoke(found -> found.ifPresent(definition -> cache.put(key, definition)));
    }

    /** config-service's {@code ScenarioVersion}: {@code {version, current, archived_at, scenario: {..., steps}}}. */
    static ScenarioDefinition parse(UUID scenarioId, int version, JsonObject json) {
        JsonObject scenario = json.getJsonObject("scenario");
        Map<String, ScenarioDefinition.Step> steps = new LinkedHashMap<>();
        String entry = scenario.getString("entry_step_id");
        for (Object item : DialogueJson.array(scenario, "steps")) {
            JsonObject step = (JsonObject) item;
            List<ScenarioDefinition.Transition> transitions = new ArrayList<>();
            for (Object t : DialogueJson.array(step, "transitions")) {
                JsonObject transition = (JsonObject) t;
                transitions.add(new ScenarioDefinition.Transition(transition.getString("to"), transition.getString("condition")));
            }
            JsonObject metadata = DialogueJson.object(step, "metadata");
            String id = step.getString("id");
            steps.put(id, new ScenarioDefinition.Step(id, step.getString("name"), step.getString("instructions"),
                    metadata == null ? Map.of() : metadata.getMap(), List.copyOf(transitions)));
            if (entry == null && Boolean.TRUE.equals(step.getBoolean("entry"))) {
                entry = id;
            }
        }
        return new ScenarioDefinition(scenarioId, json.getInteger("version", version), entry, Map.copyOf(steps));
    }
}
