package dev.agentry.profile.identity;

import dev.agentry.common.error.ValidationException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A channel identity's unique key, normalised the one way every write and lookup uses: the channel
 * lower-cased, the user id trimmed, and on the {@code email} channel lower-cased too (mail systems
 * treat addresses case-insensitively in practice, and so does Chatwoot). Other channels' ids are
 * opaque and kept as sent: a Zalo or Facebook id differs in case only if it is another id.
 *
 * <p>Self-contained (the JDK and common's {@code ValidationException} only), so that every service
 * that meets a channel identity can normalise it the same way.
 */
public record ChannelKey(String channel, String channelUserId) {

    /** What a channel may be as sent (compared without case). */
    public static final String CHANNEL = "^[A-Za-z][A-Za-z0-9_.-]{0,49}$";
    public static final String CHANNEL_MESSAGE = "must be a letter then letters, digits, '_', '.' or '-' (at most 50)";
    /** Longest channel user id, after trimming. */
    public static final int MAX_USER_ID = 255;
    public static final String EMAIL_CHANNEL = "email";
    private static final Pattern CHANNEL_PATTERN = Pattern.compile(CHANNEL);

    /** Normalises, refusing (400, naming the query parameters) what the request DTOs would refuse too. */
    public static ChannelKey of(String channel, String channelUserId) {
        if (channel == null || !CHANNEL_PATTERN.matcher(channel.strip()).matches()) {
            throw new ValidationException("channel", CHANNEL_MESSAGE);
        }
        String user = channelUserId == null ? "" : channelUserId.strip();
        if (user.isEmpty() || user.length() > MAX_USER_ID) {
            throw new ValidationException("channel_user_id", "must be 1 to " + MAX_USER_ID + " characters");
        }
        String normalisedChannel = channel.strip().toLowerCase(Locale.ROOT);
        return new ChannelKey(normalisedChannel,
                EMAIL_CHANNEL.equals(normalisedChannel) ? user.toLowerCase(Locale.ROOT) : user);
    }
}
