package dev.agentry.conversation.dialogue;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.conversation.slot.ContextSlot;
import dev.agentry.conversation.slot.SlotStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses the agent's templates for where the session is and renders them exactly as
 * config-service's {@code POST /v1/templates/{id}/render} does: a value from the session (its
 * variables, then its live context slots, this turn's included), else the variable's
 * {@code default_value}; a string as it is, any other JSON value as compact JSON; {@code {{}/{@code }}}
 * a literal brace; a placeholder with no value stays as {@code {name}} and is listed missing.
 */
@ApplicationScoped
public class Templates {

    /** config-service's template syntax (it refuses any other brace when the template is written). */
    private static final Pattern PART = Pattern.compile("\\{\\{|}}|\\{([A-Za-z_][A-Za-z0-9_]*)}");
    /** The most live slots read for a render (a session has few; the list is bounded all the same). */
    private static final int SLOT_LIMIT = 200;

    @Inject
    TenantTransactions tx;

    @Inject
    SlotStore slots;

    /**
     * The templates of each mode for the step the turn leaves the session in, rendered with
     * {@code variables} (the session's) and {@code filled} (this turn's slots); the session's
     * stored slots are read only when a chosen template needs a value neither gives.
     */
    public Uni<TemplateChoice> choose(UUID tenant, UUID sessionId, AgentRuntime runtime, ScenarioTurn where,
            Map<String, Object> variables, Map<String, String> filled) {
        Map<AgentRuntime.TemplateMode, AgentRuntime.ResponseTemplate> chosen = new java.util.EnumMap<>(AgentRuntime.TemplateMode.class);
        for (AgentRuntime.TemplateMode mode : AgentRuntime.TemplateMode.values()) {
            runtime.templates().stream().filter(t -> t.mode() == mode && specificity(t, where) >= 0)
                    .max(Comparator.comparingInt(t -> specificity(t, where))).ifPresent(t -> chosen.put(mode, t));
        }
        if (chosen.isEmpty()) {
            return Uni.createFrom().item(TemplateChoice.none());
        }
        Map<String, Object> values = new HashMap<>();
        runtime.variables().stream().filter(v -> v.defaultValue() != null).forEach(v -> values.put(v.name(), v.defaultValue()));
        Set<String> needed = new LinkedHashSet<>();
        chosen.values().forEach(t -> needed.addAll(placeholders(t.content())));
        boolean readSlots = needed.stream().anyMatch(name -> variables.get(name) == null && !filled.containsKey(name));
        // The stored slots only fill in: a failed read renders without them (the placeholders listed missing).
        Uni<List<ContextSlot>> stored = readSlots ? tx.inTenant(tenant, conn -> slots.live(conn, tenant, sessionId, SLOT_LIMIT))
                .onFailure().recoverWithItem(List.of()) : Uni.createFrom().item(List.of());
        return stored.map(live -> {
            live.forEach(slot -> values.put(slot.slotKey(), slot.slotValue()));
            values.putAll(filled);
            variables.forEach((name, value) -> {
                if (value != null) {
                    values.put(name, value);
                }
            });
            return new TemplateChoice(render(chosen.get(AgentRuntime.TemplateMode.EXCLUSIVE), values),
                    render(chosen.get(AgentRuntime.TemplateMode.SUGGEST), values),
                    render(chosen.get(AgentRuntime.TemplateMode.FALLBACK), values));
        });
    }

    /** 2 for the session's step, 1 for its scenario, 0 global, -1 when the template is for somewhere else. */
    static int specificity(AgentRuntime.ResponseTemplate template, ScenarioTurn where) {
        return switch (template.scope()) {
            case "global" -> 0;
            case "scenario" -> template.scopeId() != null && template.scopeId().equals(where.scenarioId()) ? 1 : -1;
            case "step" -> template.scopeId() != null && template.scopeId().equals(where.scenarioId())
                    && template.scopeStepId() != null && template.scopeStepId().equals(where.stepId()) ? 2 : -1;
            default -> -1;
        };
    }

    private static Optional<TemplateChoice.Rendered> render(AgentRuntime.ResponseTemplate template, Map<String, Object> values) {
        if (template == null) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        Set<String> missing = new LinkedHashSet<>();
        Matcher m = PART.matcher(template.content());
        int at = 0;
        while (m.find()) {
            out.append(template.content(), at, m.start());
            if (m.group(1) == null) {
                out.append(m.group().charAt(0));
            } else {
                Object value = values.get(m.group(1));
                if (value == null) {
                    missing.add(m.group(1));
                    out.append('{').append(m.group(1)).append('}');
                } else {
                    out.append(DialogueJson.text(value));
                }
            }
            at = m.end();
        }
        out.append(template.content(), at, template.content().length());
        return Optional.of(new TemplateChoice.Rendered(template, out.toString(), List.copyOf(missing)));
    }

    static List<String> placeholders(String content) {
        List<String> names = new ArrayList<>();
        Matcher m = PART.matcher(content);
        while (m.find()) {
            if (m.group(1) != null) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
