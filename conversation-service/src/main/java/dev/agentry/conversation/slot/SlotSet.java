package dev.agentry.conversation.slot;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.UUID;

/** Sets a slot (replacing its value); {@code ttl_seconds} makes it expire, without one it stays. */
public record SlotSet(
        @NotNull @Size(max = 4000) String value,
        @DecimalMin("0") @DecimalMax("1") BigDecimal confidence,
        @Positive Long ttlSeconds,
        UUID extractedFromMessageId) {
}
