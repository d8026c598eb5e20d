package dev.agentry.profile.identity;

import dev.agentry.common.error.ValidationException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A channel identity's unique key, normalised the one way every write and lookup uses: the channel
 * lower-cased, the user id trimmed, and on the {@code email} channel lower-cased too (mail systems
 * treat addresses case-insensitively in practice, and so does Chatwoot). Other channels' ids are
 * opaque and kept as sent: a Zalo or Facebook id differs in case only if it is another id.
 */
public record ChannelKey(String channel, String channelUserId) {

    public static final String EMAIL_CHANNEL = "email";
    private static final Pattern CHANNEL = Pattern.compile(IdentityCreate.CHANNEL);

    /** Normalises, refusing (400, naming the query parameters) what the request DTOs would refuse too. */
    public static ChannelKey of(String channel, String channelUserId) {
        if (channel == null || !CHANNEL.matcher(channel.strip()).matches()) {
            throw new ValidationException("channel", "must be a letter then letters, digits, '_', '.' or '-' (at most 50)");
        }
        String user = channelUserId == null ? "" : channelUserId.strip();
        if (user.isEmpty() || user.length() > 255) {
            throw new ValidationException("channel_user_id", "must be 1 to 255 characters");
        }
        String normalisedChannel = channel.strip().toLowerCase(Locale.ROOT);
        return new ChannelKey(normalisedChannel,
                EMAIL_CHANNEL.equals(normalisedChannel) ? user.toLowerCase(Locale.ROOT) : user);
    }
}
