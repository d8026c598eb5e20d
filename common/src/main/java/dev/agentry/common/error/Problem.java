package dev.agentry.common.error;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem document, the body of every error answer
 * ({@code application/problem+json}). {@code errors} lists field-level reasons for 400s;
 * {@code extensions} are RFC 9457 extension members (section 3.2), written beside the standard
 * members so that a client reads e.g. {@code available} of an {@code insufficient-stock} 409
 * without parsing {@code detail}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors, @JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://agentry.dev/problems/";

    public static Problem of(int status, String code, String title, String detail, String instance,
            List<FieldError> errors) {
        return of(status, code, title, detail, instance, errors, Map.of());
    }

    public static Problem of(int status, String code, String title, String detail, String instance,
            List<FieldError> errors, Map<String, Object> extensions) {
        return new Problem(TYPE_BASE + code, title, status, detail, instance, errors == null ? List.of() : errors,
                extensions == null ? Map.of() : extensions);
    }

    /** The extension members, at the top level of the document (never named after a standard member). */
    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions;
    }
}
