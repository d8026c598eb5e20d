package dev.agentry.conversation.session;

import dev.agentry.common.channel.ChannelKey;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;

/**
 * A new session: the agent, the channel and the user's id on it, optionally the customer profile and
 * first variables. The agent id is checked to be a UUID only (see docs/conversation-service.md).
 */
public record SessionCreate(
        @NotNull UUID agentId,
        @NotBlank @Pattern(regexp = ChannelKey.CHANNEL, message = ChannelKey.CHANNEL_MESSAGE) String channel,
        @NotBlank @Size(max = 255) String userChannelId,
        UUID customerProfileId,
        Map<String, Object> variables) {

    public ChannelKey key() {
        return ChannelKey.of(channel, userChannelId, "user_channel_id");
    }
}
