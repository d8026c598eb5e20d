package dev.agentry.catalog.blueprint;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An attribute definition as answered. {@code visibility} is {@code global} (the platform's, every
 * tenant reads it) or {@code tenant} (the caller's own addition to the domain).
 */
public record AttributeDefinition(UUID id, UUID domainId, String key, String label, String valueType, String semanticType,
        Map<String, Object> valueConstraint, String scope, boolean isRequired, String visibility, Instant createdAt) {

    public static final String GLOBAL = "global";
    public static final String TENANT = "tenant";
}
