package dev.agentry.config.mcp;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** The body of {@code PATCH /v1/mcp-server-configs/{id}}: a given {@code config} or {@code env} replaces the stored one whole. */
public record McpServerConfigUpdate(
        Boolean enabled,
        Map<String, Object> config,
        @Size(max = 100) Map<@Pattern(regexp = McpServerConfigCreate.ENV_NAME, message = "must be an environment variable name") String, @NotNull @Size(max = 8_192) String> env,
        Map<String, Object> resourceLimits,
        @Size(max = 1_000) List<@Pattern(regexp = McpServerConfigCreate.USER, message = "must be \"all\" or a user id") String> allowedUsers) {

    @Override
    public String toString() {
        return "McpServerConfigUpdate[enabled=" + enabled + ", config=***, env=***]";
    }
}
