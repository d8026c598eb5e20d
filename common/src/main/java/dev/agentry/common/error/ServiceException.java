package dev.agentry.common.error;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The root of every error a service raises on purpose. It carries its HTTP status and a stable
 * problem code; {@link ProblemExceptionMappers} turns it into problem+json. Resources never catch
 * exceptions to translate them.
 */
public class ServiceException extends RuntimeException {

    private static final Set<String> STANDARD_MEMBERS =
            Set.of("type", "title", "status", "detail", "instance", "errors");

    private final int status;
    private final String code;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public ServiceException(int status, String code, String title, String detail, List<FieldError> errors) {
        this(status, code, title, detail, errors, Map.of());
    }

    /**
     * With RFC 9457 extension members: facts a client acts on (what is available, when to retry),
     * in snake_case, never one of the standard members' names.
     */
    public ServiceException(int status, String code, String title, String detail, List<FieldError> errors,
            Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
        if (this.extensions.keySet().stream().anyMatch(STANDARD_MEMBERS::contains)) {
            throw new IllegalArgumentException("an extension member may not replace a standard member: " + this.extensions.keySet());
        }
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** RFC 9457 extension members of the answer's problem document. */
    public Map<String, Object> extensions() {
        return extensions;
    }

    /** Headers the answer carries besides the problem document (e.g. {@code Retry-After}). */
    public Map<String, String> headers() {
        return Map.of();
    }
}
