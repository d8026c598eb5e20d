package dev.agentry.conversation.dialogue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's templates that apply where the session is, one per mode (the most specific scope
 * first: the step's, then the scenario's, then a global one), each rendered with the session's
 * values: EXCLUSIVE answers the turn with its text, SUGGEST is given to the LLM, FALLBACK answers
 * only when nothing else does.
 */
public record TemplateChoice(Optional<Rendered> exclusive, Optional<Rendered> suggest, Optional<Rendered> fallback) {

    /** A template rendered as config-service's render does: its text, and the placeholders left without a value. */
    public record Rendered(AgentRuntime.ResponseTemplate template, String text, List<String> missing) {

        /** The template for the decision event: {@code {template_id, name, mode, missing}}. */
        public Map<String, Object> decision() {
            Map<String, Object> chosen = new LinkedHashMap<>();
            chosen.put("template_id", template.id().toString());
            chosen.put("name", template.name());
            chosen.put("mode", template.mode().name().toLowerCase(java.util.Locale.ROOT));
            chosen.put("missing", missing);
            return chosen;
        }
    }

    public static TemplateChoice none() {
        return new TemplateChoice(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The suggestion for the LLM's prompt, when there is one. */
    public Optional<String> suggestion() {
        return suggest.map(Rendered::text);
    }
}
