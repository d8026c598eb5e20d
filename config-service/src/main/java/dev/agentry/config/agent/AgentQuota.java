package dev.agentry.config.agent;

/** The plan's {@code max_agents} of a tenant and how many live agents it has. */
record AgentQuota(long limit, long live) {

    boolean full() {
        return live >= limit;
    }
}
