package dev.agentry.config.mcp;

/** How an MCP server is reached: a local process ({@code command} is its command line) or server-sent events ({@code command} is the URL). */
public enum McpTransport {
    STDIO, SSE
}
