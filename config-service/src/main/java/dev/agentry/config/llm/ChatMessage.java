package dev.agentry.config.llm;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** One message of a chat completion: {@code system}, {@code user} or {@code assistant}. */
public record ChatMessage(
        @NotNull @Pattern(regexp = "^(system|user|assistant)$", message = "must be system, user or assistant") String role,
        @NotBlank @Size(max = 32000) String content) {
}
