package dev.agentry.conversation.turn;

import dev.agentry.common.channel.ChannelKey;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * The body of {@code POST /v1/turns}: a message from a channel user to an agent, for callers that
 * know no session id (a webhook of a messaging channel): the channel user's live session is used,
 * or one is opened. {@code language} as in {@link TurnRequest}.
 */
public record ChannelTurnRequest(
        @NotNull UUID agentId,
        @NotBlank @Pattern(regexp = ChannelKey.CHANNEL, message = ChannelKey.CHANNEL_MESSAGE) String channel,
        @NotBlank @Size(max = 255) String userChannelId,
        @NotBlank @Size(max = 8000) String message,
        @Pattern(regexp = TurnRequest.LANGUAGE, message = "must be a BCP 47 language tag such as en or vi") String language) {
}
