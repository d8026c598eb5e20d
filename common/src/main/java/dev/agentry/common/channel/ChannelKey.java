package dev.agentry.common.channel;

import dev.agentry.common.error.ValidationException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A channel identity's key (a channel and the user's id on it), normalised the one way every
 * service writes and looks it up: the channel lower-cased, the user id trimmed, and on the
 * {@code email} channel lower-cased too (mail systems treat addresses case-insensitively in
 * practice). Other channels' ids are opaque and kept as sent: a Zalo or Facebook id that differs in
 * case is another id. profile-service keys its identities with it and conversation-service its
 * channel index, so a session's channel user and the customer's identity always agree.
 */
public record ChannelKey(String channel, String userId) {

    /** What a channel may be as sent (compared without case). */
    public static final String CHANNEL = "^[A-Za-z][A-Za-z0-9_.-]{0,49}$";
    public static final String CHANNEL_MESSAGE = "must be a letter then letters, digits, '_', '.' or '-' (at most 50)";
    /** Longest channel user id, after trimming. */
    public static final int MAX_USER_ID = 255;
    public static final String EMAIL_CHANNEL = "email";
    private static final Pattern CHANNEL_PATTERN = Pattern.compile(CHANNEL);

    /** Normalises, refusing (400 naming {@code channel} or {@code channel_user_id}) what a request DTO refuses too. */
    public static ChannelKey of(String channel, String userId) {
        return of(channel, userId, "channel_user_id");
    }

    /** Normalises; a bad user id is a 400 naming {@code userIdField} (the caller's name for it). */
    public static ChannelKey of(String channel, String userId, String userIdField) {
        if (channel == null || !CHANNEL_PATTERN.matcher(channel.strip()).matches()) {
            throw new ValidationException("channel", CHANNEL_MESSAGE);
        }
        String user = userId == null ? "" : userId.strip();
        if (user.isEmpty() || user.length() > MAX_USER_ID) {
            throw new ValidationException(userIdField, "must be 1 to " + MAX_USER_ID + " characters");
        }
        String normalisedChannel = channel.strip().toLowerCase(Locale.ROOT);
        return new ChannelKey(normalisedChannel,
                EMAIL_CHANNEL.equals(normalisedChannel) ? user.toLowerCase(Locale.ROOT) : user);
    }
}
