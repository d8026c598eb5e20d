package dev.agentry.catalog.guardrail;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the active guardrails, in priority order, made of a text. {@code outcome}: {@code block}
 * (a block guardrail fired: {@code text} is its fallback message), {@code redact} ({@code text} is
 * the message with the spans replaced), {@code warn} or {@code allow} ({@code text} is the message).
 * {@code fired} says which fired and why; {@code errors}, which could not be evaluated (counted as
 * not fired); {@code matches}, what each detector the guardrails read found.
 */
public record GuardrailEvaluation(String outcome, String text, String fallbackMessage, List<Fired> fired, List<Failed> errors,
        Map<String, Boolean> matches, int evaluated) {

    /** A guardrail whose condition held: its action and why (the condition and the detectors that matched). */
    public record Fired(UUID guardrailId, String code, String name, int priority, String action, String reason, List<String> detectors) {
    }

    /** A guardrail whose condition failed at run time (e.g. a missing session variable). */
    public record Failed(UUID guardrailId, String code, String message) {
    }
}
