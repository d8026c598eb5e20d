package dev.agentry.config.template;

import java.util.Map;

/** The body of {@code POST /v1/templates/{id}/render}: the values to fill in (variables' defaults fill the rest). */
public record RenderRequest(Map<String, Object> variables) {
}
