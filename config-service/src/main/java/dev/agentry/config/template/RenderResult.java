package dev.agentry.config.template;

import java.util.List;

/** A rendered template: the text, and the placeholders that had no value (left as {@code {name}}). */
public record RenderResult(String text, List<String> missing, boolean complete) {
}
