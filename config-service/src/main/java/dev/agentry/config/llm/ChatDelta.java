package dev.agentry.config.llm;

/** A piece of a streamed completion's text, as the provider sent it: the {@code token} event's data. */
public record ChatDelta(String content) {
}
