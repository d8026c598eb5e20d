package dev.agentry.conversation.connector;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A ticket's counterpart in an external tracker (the seed's ticket_external_refs). */
public record ExternalRef(UUID id, UUID ticketId, ConnectorSystem system, String externalId, String externalUrl,
        Map<String, Object> metadata, Instant createdAt, Instant updatedAt) {
}
