package dev.agentry.profile.customer;

import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.ValidationException;
import dev.agentry.profile.fieldvalue.FieldWrite;
import java.util.ArrayList;
import java.util.List;

/**
 * The query parameters of {@code GET /v1/profiles}: at most one criterion, {@code external_id}, or
 * {@code channel} with {@code channel_user_id}, or {@code field} with {@code value}.
 */
public record ProfileSearch(String externalId, String channel, String channelUserId, String field, String value) {

    public enum Criterion { NONE, EXTERNAL_ID, IDENTITY, FIELD }

    /** Which criterion the parameters name; 400 naming the parameters when they are incomplete or several. */
    public Criterion criterion() {
        List<FieldError> errors = new ArrayList<>();
        List<Criterion> named = new ArrayList<>();
        if (externalId != null) {
            named.add(Criterion.EXTERNAL_ID);
            if (externalId.isBlank()) {
                errors.add(new FieldError("external_id", "must not be blank"));
            }
        }
        if (channel != null || channelUserId != null) {
            named.add(Criterion.IDENTITY);
            if (channel == null || channelUserId == null) {
                errors.add(new FieldError(channel == null ? "channel" : "channel_user_id",
                        "channel and channel_user_id go together"));
            }
        }
        if (field != null || value != null) {
            named.add(Criterion.FIELD);
            if (field == null || value == null) {
                errors.add(new FieldError(field == null ? "field" : "value", "field and value go together"));
            } else if (!field.matches(FieldWrite.NAME)) {
                errors.add(new FieldError("field", FieldWrite.NAME_MESSAGE));
            } else if (value.isBlank() || value.length() > 4000) {
                errors.add(new FieldError("value", "must be 1 to 4000 characters"));
            }
        }
        if (named.size() > 1) {
            errors.add(new FieldError("$", "search by one of external_id, channel + channel_user_id, field + value"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return named.isEmpty() ? Criterion.NONE : named.get(0);
    }
}
