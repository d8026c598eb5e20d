package dev.agentry.catalog.bot;

import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/bots/{id}/versions}: the next version number, never active until
 * activated. {@code capabilities} are codes of the global system capabilities.
 */
public record BotVersionCreate(
        Map<String, Object> flowConfig,
        @Size(max = 100000) String systemPrompt,
        @Size(max = 2000) String note,
        @Size(max = 100) List<@Size(min = 1, max = 64) String> capabilities) {
}
