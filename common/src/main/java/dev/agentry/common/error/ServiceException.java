package dev.agentry.common.error;

import java.util.List;
import java.util.Map;

/**
 * The root of every error a service raises on purpose. It carries its HTTP status and a stable
 * problem code; {@link ProblemExceptionMappers} turns it into problem+json. Resources never catch
 * exceptions to translate them.
 */
public class ServiceException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final List<FieldError> errors;

    public ServiceException(int status, String code, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
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

    /** Headers the answer carries besides the problem document (e.g. {@code Retry-After}). */
    public Map<String, String> headers() {
        return Map.of();
    }
}
