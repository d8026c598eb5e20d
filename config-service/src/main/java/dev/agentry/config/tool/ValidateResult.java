package dev.agentry.config.tool;

import dev.agentry.common.error.FieldError;
import java.util.List;

/** Whether the input satisfies the tool's input schema, and where it does not ({@code input.<path>}). */
public record ValidateResult(boolean valid, List<FieldError> errors) {
}
