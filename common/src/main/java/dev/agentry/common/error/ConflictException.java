package dev.agentry.common.error;

import java.util.List;

/** 409: the request clashes with the current state (a duplicate slug, an illegal transition). */
public class ConflictException extends ServiceException {

    public ConflictException(String detail) {
        super(409, "conflict", "Conflict", detail, List.of());
    }

    public ConflictException(String field, String detail) {
        super(409, "conflict", "Conflict", detail, List.of(new FieldError(field, detail)));
    }
}
