package dev.agentry.conversation.connector;

/** The external trackers a tenant's tickets can be synchronised with. */
public enum ConnectorSystem {
    ZENDESK, JIRA;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** From a path segment; null when it names no system. */
    public static ConnectorSystem of(String value) {
        for (ConnectorSystem s : values()) {
            if (s.wire().equals(value)) {
                return s;
            }
        }
        return null;
    }
}
