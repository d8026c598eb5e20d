package dev.agentry.conversation.session;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** Erase every session of a customer profile, in Redis and PostgreSQL. */
public record CustomerErasure(@NotNull UUID customerProfileId) {
}
