package dev.agentry.profile.identity;

import jakarta.validation.constraints.NotBlank;
import dev.agentry.common.channel.ChannelKey;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A channel identity as callers send it: the body of {@code POST /v1/profiles/resolve} and of
 * {@code POST /v1/profiles/{id}/identities}, and an item of a profile's creation. The channel is a
 * token such as {@code web}, {@code zalo}, {@code facebook} or {@code email}, compared without case;
 * see {@link ChannelKey} for how both parts are normalised. {@code verified} defaults to false.
 */
public record IdentityCreate(
        @NotBlank @Pattern(regexp = ChannelKey.CHANNEL, message = ChannelKey.CHANNEL_MESSAGE) String channel,
        @NotBlank @Size(max = ChannelKey.MAX_USER_ID) String channelUserId,
        Boolean verified) {

    public ChannelKey key() {
        return ChannelKey.of(channel, channelUserId);
    }

    public boolean isVerified() {
        return Boolean.TRUE.equals(verified);
    }
}
