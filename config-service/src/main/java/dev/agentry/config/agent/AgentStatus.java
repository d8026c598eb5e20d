package dev.agentry.config.agent;

/** An agent's lifecycle (agentic spec); {@code enabled} is the separate on/off switch of the other seeds. */
public enum AgentStatus {
    ACTIVE, INACTIVE, ARCHIVED
}
