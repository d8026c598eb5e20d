package dev.agentry.conversation.dialogue;

import java.util.Map;
import java.util.Optional;

/** What the dialogue state adds to the LLM's prompt and to the decision event. */
public final class DialoguePrompt {

    private DialoguePrompt() {
    }

    /** The step's instructions and a SUGGEST template's text for the system prompt, when there are any. */
    public static Optional<String> notes(ScenarioTurn where, TemplateChoice templates) {
        StringBuilder notes = new StringBuilder();
        where.instructions().ifPresent(text -> notes.append("Where this conversation is, and what to do now:\n").append(text));
        templates.suggestion().ifPresent(text -> notes.append(notes.isEmpty() ? "" : "\n\n")
                .append("A suggested answer (adapt it to the message; keep its facts):\n").append(text));
        return notes.isEmpty() ? Optional.empty() : Optional.of(notes.toString());
    }

    /**
     * The template the turn used, for the decision: the one that answered ({@code response_source}
     * {@code template}) or the suggestion given to the LLM; null when none.
     */
    public static Map<String, Object> chosenTemplate(TemplateChoice templates, String source) {
        if ("template".equals(source)) {
            return templates.exclusive().or(templates::fallback).map(TemplateChoice.Rendered::decision).orElse(null);
        }
        if ("llm".equals(source)) {
            return templates.suggest().map(TemplateChoice.Rendered::decision).orElse(null);
        }
        return null;
    }
}
