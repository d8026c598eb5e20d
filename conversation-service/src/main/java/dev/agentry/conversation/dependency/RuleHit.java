package dev.agentry.conversation.dependency;

import java.util.Map;

/** A rule config-service matched to the message: what its action says, and how close it was. */
public record RuleHit(String name, String actionType, Map<String, Object> actionConfig, double score) {
}
