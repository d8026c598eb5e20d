package dev.agentry.config.mcp;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The body of {@code POST /v1/mcp-server-configs}. {@code config} must satisfy the server's
 * {@code config_schema}; {@code config} and {@code env} are encrypted before they are stored and
 * never returned. {@code allowed_users}: {@code ["all"]} (default) or user ids.
 */
public record McpServerConfigCreate(
        @NotNull UUID mcpServerId,
        Boolean enabled,
        Map<String, Object> config,
        @Size(max = 100) Map<@Pattern(regexp = McpServerConfigCreate.ENV_NAME, message = "must be an environment variable name") String, @NotNull @Size(max = 8_192) String> env,
        Map<String, Object> resourceLimits,
        @Size(max = 1_000) List<@Pattern(regexp = McpServerConfigCreate.USER, message = "must be \"all\" or a user id") String> allowedUsers) {

    public static final String ENV_NAME = "^[A-Za-z_][A-Za-z0-9_]*$";
    public static final String USER = "^(all|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$";

    @Override
    public String toString() {
        return "McpServerConfigCreate[mcpServerId=" + mcpServerId + ", config=***, env=***]";
    }
}
