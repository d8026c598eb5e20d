package dev.agentry.conversation.dialogue;

import dev.agentry.conversation.dependency.CallBudget;
import dev.agentry.conversation.dependency.ConfigClient;
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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The agent's runtime config, asked of config-service on every turn with the caller's token (over
 * gRPC with the kept copy's generation, so that an unchanged config is not sent again; or REST)
 * (config-service answers it from its own Redis cache, keyed by the configuration generation, so
 * an edit shows on the next turn) and kept per replica as the last one seen with its
 * {@code generation}: an answer of the same generation reuses the parsed copy, and when
 * config-service cannot answer the turn goes on with the last copy (named {@code runtime_config}
 * in {@code degraded} all the same, since it may be out of date).
 */
@ApplicationScoped
public class RuntimeConfigs {

    private static final Logger LOG = Logger.getLogger(RuntimeConfigs.class);
    /** config-service's generation of a document it could not key by generation (its Redis down). */
    static final String UNCACHED = "uncached";

    private record Key(UUID tenant, UUID agentId) {
    }

    /** The runtime config for this turn, and whether it is a kept copy (or none) because config-service did not answer. */
    public record Read(Optional<AgentRuntime> runtime, boolean degraded) {
    }

    @Inject
    ServiceCalls calls;

    @Inject
    ConfigClient configs;

    @Inject
    ConversationServiceConfig config;

    @Inject
    DialogueConfig dialogue;

    private BoundedCache<Key, AgentRuntime> lastSeen;

    @PostConstruct
    void init() {
        lastSeen = new BoundedCache<>(dialogue.runtimeCacheSize());
    }

    public Uni<Read> get(CallBudget budget, String authorization, UUID tenant, UUID agentId) {
        Key key = new Key(tenant, agentId);
        if (configs.runtimeConfigOverGrpc()) {
            AgentRuntime known = lastSeen.get(key);
            // The kept copy's generation travels: an unchanged config comes back as "not modified", unparsed.
            return configs.runtimeConfig(budget, authorization, agentId, known == null ? null : known.generation()).map(reply -> {
                AgentRuntime kept = lastSeen.get(key);
                if (reply.isEmpty()) {
                    return new Read(Optional.ofNullable(kept), true);
                }
                if (reply.get().getNotModified() && kept != null && Objects.equals(reply.get().getGeneration(), kept.generation())) {
                    return new Read(Optional.of(kept), false);
                }
                return read(key, kept, reply.get().getGeneration(), () -> new JsonObject(reply.get().getConfigJson()));
            });
        }
        return calls.get(Dependency.CONFIG, budget, config.turn().configUrl() + "/v1/agents/" + agentId + "/runtime-config", authorization).map(answer -> {
            AgentRuntime kept = lastSeen.get(key);
            if (answer.isEmpty()) {
                return new Read(Optional.ofNullable(kept), true);
            }
            return read(key, kept, answer.get().getString("generation"), answer::get);
        });
    }

    /**
     * The kept copy when {@code generation} is its own, else the document parsed and kept.
     * config-service labels every document {@value #UNCACHED} while its Redis is unreachable: that
     * label says nothing about the content, so such a document is always read afresh.
     */
    private Read read(Key key, AgentRuntime kept, String generation, java.util.function.Supplier<JsonObject> document) {
        if (kept != null && generation != null && !generation.isEmpty() && !UNCACHED.equals(generation)
                && Objects.equals(generation, kept.generation())) {
            return new Read(Optional.of(kept), false);
        }
        try {
            AgentRuntime parsed = parse(document.get());
            lastSeen.put(key, parsed);
            return new Read(Optional.of(parsed), false);
        } catch (RuntimeException e) {
            LOG.warnf("runtime config of agent %s unreadable: %s", key.agentId(), e.toString());
            return new Read(Optional.ofNullable(kept), true);
        }
    }

    /** config-service's {@code RuntimeConfig}: {@code templates} and {@code variables} as its records serialise them. */
    static AgentRuntime parse(JsonObject json) {
        List<AgentRuntime.ResponseTemplate> templates = new ArrayList<>();
        for (Object item : DialogueJson.array(json, "templates")) {
            JsonObject t = (JsonObject) item;
            String scopeId = t.getString("scope_id");
            templates.add(new AgentRuntime.ResponseTemplate(UUID.fromString(t.getString("id")), t.getString("name"),
                    t.getString("content"), AgentRuntime.TemplateMode.of(t.getString("mode")),
                    t.getString("scope", "global").toLowerCase(java.util.Locale.ROOT), scopeId == null ? null : UUID.fromString(scopeId),
                    t.getString("scope_step_id")));
        }
        List<AgentRuntime.AgentVariable> variables = new ArrayList<>();
        for (Object item : DialogueJson.array(json, "variables")) {
            JsonObject v = (JsonObject) item;
            Object value = v.getValue("default_value");
            variables.add(new AgentRuntime.AgentVariable(v.getString("name"), DialogueJson.plain(value),
                    AgentRuntime.UpdatePolicy.of(v.getString("update_policy"))));
        }
        java.util.Map<UUID, Integer> scenarios = new java.util.HashMap<>();
        for (Object item : DialogueJson.array(json, "scenarios")) {
            JsonObject s = (JsonObject) item;
            scenarios.put(UUID.fromString(s.getString("scenario_id")), s.getInteger("version", 1));
        }
        return new AgentRuntime(json.getString("generation"), List.copyOf(templates), List.copyOf(variables), java.util.Map.copyOf(scenarios));
    }
}
