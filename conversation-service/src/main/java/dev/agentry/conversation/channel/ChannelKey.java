package dev.agentry.conversation.channel;

import dev.agentry.common.error.ValidationException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A channel user's key, normalised exactly as profile-service normalises channel identities
 * (profile-service's {@code dev.agentry.profile.identity.ChannelKey}, copied here: no service depends
 * on another's code; the two copies must stay identical, see docs/conversation-service.md): the
 * channel lower-cased, the user id trimmed, and on the {@code email} channel lower-cased too. Other
 * channels' ids are opaque and kept as sent. So the session channel index
 * {@code session:index:channel:<tenant>:<channel>:<user>} and the customer's identity agree.
 */
public record ChannelKey(String channel, String userChannelId) {

    /** The request pattern of a channel name (the same as profile-service's). */
    public static final String CHANNEL = "^[A-Za-z][A-Za-z0-9_.-]{0,49}$";
    public static final String EMAIL_CHANNEL = "email";
    private static final Pattern CHANNEL_PATTERN = Pattern.compile(CHANNEL);

    /** Normalises, refusing (400 naming the field) what the request DTOs would refuse too. */
    public static ChannelKey of(String channel, String userChannelId) {
        if (channel == null || !CHANNEL_PATTERN.matcher(channel.strip()).matches()) {
            throw new ValidationException("channel", "must be a letter then letters, digits, '_', '.' or '-' (at most 50)");
        }
        String user = userChannelId == null ? "" : userChannelId.strip();
        if (user.isEmpty() || user.length() > 255) {
            throw new ValidationException("user_channel_id", "must be 1 to 255 characters");
        }
        String normalisedChannel = channel.strip().toLowerCase(Locale.ROOT);
        return new ChannelKey(normalisedChannel,
                EMAIL_CHANNEL.equals(normalisedChannel) ? user.toLowerCase(Locale.ROOT) : user);
    }
}
