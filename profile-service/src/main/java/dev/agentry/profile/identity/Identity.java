package dev.agentry.profile.identity;

import java.time.Instant;
import java.util.UUID;

/** One way a person reaches the tenant: a user id on a channel (web chat, Zalo, Facebook, e-mail, ...). */
public record Identity(
        UUID id,
        UUID profileId,
        String channel,
        String channelUserId,
        boolean verified,
        Instant createdAt,
        Instant updatedAt) {
}
