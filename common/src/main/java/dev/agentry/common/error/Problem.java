package dev.agentry.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error answer
 * ({@code application/problem+json}). {@code errors} lists field-level reasons for 400s.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://agentry.dev/problems/";

    public static Problem of(int status, String code, String title, String detail, String instance,
            List<FieldError> errors) {
        return new Problem(TYPE_BASE + code, title, status, detail, instance, errors == null ? List.of() : errors);
    }
}
