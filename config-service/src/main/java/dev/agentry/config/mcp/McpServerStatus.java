package dev.agentry.config.mcp;

/** An MCP server's standing in the registry; disabled ones are hidden from tenants. */
public enum McpServerStatus {
    ACTIVE, DEPRECATED, DISABLED
}
