package dev.agentry.conversation.dependency;

import java.util.Locale;

/**
 * The services a turn depends on, each behind its own circuit breaker ({@link Breakers}): when one
 * fails, the others are still asked. {@code LLM} is config-service's chat completion, apart from
 * the rest of config-service: a slow provider must not open the breaker of rule matching.
 */
public enum Dependency {
    PROFILE, CONFIG, MEMORY, CATALOG, LLM;

    /** The name in {@code degraded}, the decision's {@code circuit_open} and the breaker's name: {@code profile}, {@code llm}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
