package dev.agentry.audit.store;

import dev.agentry.common.error.FieldError;
import java.util.List;

/** A record that can never be stored as it is (a missing, unknown or ill-typed field). */
public class InvalidRecordException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRecordException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse("invalid"));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
