package dev.agentry.config.agent;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The body of {@code POST /v1/agents}; status defaults to active, enabled to true, version to 1.0.0. */
public record AgentCreate(
        @NotBlank @Size(max = 255) String name,
        @NotBlank @Size(max = 64) @Pattern(regexp = AgentCreate.SLUG, message = "must be lower-case letters, digits and inner hyphens") String slug,
        @Size(max = 10_000) String description,
        @Size(max = 100_000) String systemPrompt,
        @Size(max = 100_000) String promptTemplate,
        @Valid ModelSettings model,
        UUID llmModelId,
        UUID defaultOutputFormatId,
        @Size(max = 255) String handlerClass,
        @Size(max = 100) List<@NotBlank @Size(max = 100) String> capabilities,
        @Size(max = 100) List<@NotBlank @Size(max = 100) String> tools,
        @Valid AgentLimits limits,
        Boolean memoryEnabled,
        AgentStatus status,
        @Size(min = 1, max = 32) String version,
        @Size(max = 100) List<@NotBlank @Size(max = 100) String> tags,
        Map<String, Object> config,
        Map<String, Object> metadata,
        Boolean enabled) {

    public static final String SLUG = "^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$";
}
