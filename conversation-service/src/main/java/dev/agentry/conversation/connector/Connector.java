package dev.agentry.conversation.connector;

import java.time.Instant;

/**
 * A tenant's connector to Zendesk or Jira as the API shows it: never the credential, only its last
 * four characters, and whether an inbound webhook secret is set. {@code poll_cursor} is where the
 * last pull of changes stopped.
 */
public record Connector(ConnectorSystem system, String baseUrl, String username, String credentialLast4, String projectKey,
        boolean webhookSecretSet, boolean enabled, String pollCursor, Instant createdAt, Instant updatedAt) {
}
