package dev.agentry.common.db;

import dev.agentry.common.error.ConflictException;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import io.vertx.pgclient.PgException;
import java.util.Map;

/**
 * Turns PostgreSQL's refusals into the API's errors, so that a constraint the database enforces
 * (the only place a race cannot slip past) answers like a check the service made itself.
 */
public final class SqlErrors {

    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    public static final String CHECK_VIOLATION = "23514";
    public static final String NOT_NULL_VIOLATION = "23502";

    private SqlErrors() {
    }

    /**
     * Maps a unique violation on one of {@code uniqueFields} (constraint or index name to the JSON
     * field it guards) to 409, a check or not-null violation to 400 (columns are named like the
     * JSON fields), a foreign key violation to 404; anything
     * else passes through. Use as {@code .onFailure().transform(e -> SqlErrors.translate(e, FIELDS))}.
     */
    public static Throwable translate(Throwable failure, Map<String, String> uniqueFields) {
        if (failure instanceof PgException pg) {
            String constraint = pg.getConstraint();
            if (UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                String field = constraint == null ? null : uniqueFields.get(constraint);
                return field == null ? new ConflictException("A conflicting row already exists")
                        : new ConflictException(field, field + " is already taken");
            }
            if (CHECK_VIOLATION.equals(pg.getSqlState())) {
                return new ValidationException(constraint == null ? "$" : constraint, "violates a constraint");
            }
            if (NOT_NULL_VIOLATION.equals(pg.getSqlState())) {
                return new ValidationException(pg.getColumn() == null ? "$" : pg.getColumn(), "must not be null");
            }
            if (FOREIGN_KEY_VIOLATION.equals(pg.getSqlState())) {
                return new NotFoundException("A referenced resource does not exist");
            }
        }
        return failure;
    }
}
