package dev.agentry.conversation.connector;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code PUT /v1/support/connectors/{system}}. {@code credential} is the API token
 * (required the first time; absent later keeps the stored one); {@code username} the account's
 * e-mail; {@code project_key} the Jira project new issues go to; {@code webhook_secret} the shared
 * secret the inbound webhook must carry (at least 24 characters; absent keeps the stored one).
 */
public record ConnectorPut(
        @NotBlank @Size(max = 2048) String baseUrl,
        @NotBlank @Size(max = 255) String username,
        @Size(min = 8, max = 1024) String credential,
        @Size(max = 64) @Pattern(regexp = "^[A-Z][A-Z0-9_]{0,63}$", message = "must be a Jira project key such as SUP") String projectKey,
        @Size(min = 24, max = 256) String webhookSecret,
        Boolean enabled) {
}
