package dev.agentry.common.error;

import java.util.List;

/** 400: input that is well-formed JSON but not acceptable, with the fields at fault. */
public class ValidationException extends ServiceException {

    public ValidationException(List<FieldError> errors) {
        super(400, "validation", "Invalid request", summary(errors), errors);
    }

    public ValidationException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    private static String summary(List<FieldError> errors) {
        if (errors.size() == 1) {
            return errors.get(0).field() + ": " + errors.get(0).message();
        }
        return errors.size() + " fields are invalid";
    }
}
