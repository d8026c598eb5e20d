package dev.agentry.config.tool;

/** The body of {@code POST /v1/tool-configs/{id}/validate}: a tool input to check against the input schema. */
public record ValidateRequest(Object input) {
}
