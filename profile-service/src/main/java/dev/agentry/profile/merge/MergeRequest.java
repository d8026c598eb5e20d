package dev.agentry.profile.merge;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** The body of {@code POST /v1/profiles/{id}/merge}: the duplicate to fold into profile {@code id}. */
public record MergeRequest(@NotNull UUID duplicateId) {
}
