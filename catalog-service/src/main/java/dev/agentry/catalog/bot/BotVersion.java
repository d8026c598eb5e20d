package dev.agentry.catalog.bot;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One version of a bot: its flow, system prompt and capabilities (codes), immutable once created. */
public record BotVersion(UUID id, UUID botId, int version, boolean active, Map<String, Object> flowConfig, String systemPrompt,
        String note, List<String> capabilities, Instant activatedAt, Instant createdAt) {
}
