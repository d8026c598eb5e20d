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
            return translate(pg.getSqlState(), pg.getConstraint(), pg.getColumn(), uniqueFields, failure);
        }
        return failure;
    }

    /**
     * The same mapping from the parts of a refusal, for callers whose driver reports it another way
     * (Hibernate Reactive's {@code SQLException}s, read by panache-tenancy).
     */
    public static Throwable translate(String sqlState, String constraint, String column, Map<String, String> uniqueFields,
            Throwable failure) {
        if (sqlState == null) {
            return failure;
        }
        return switch (sqlState) {
            case UNIQUE_VIOLATION -> {
                String field = constraint == null ? null : uniqueFields.get(constraint);
                yield field == null ? new ConflictException("A conflicting row already exists")
                        : new ConflictException(field, field + " is already taken");
            }
            case CHECK_VIOLATION -> new ValidationException(constraint == null ? "$" : constraint, "violates a constraint");
            case NOT_NULL_VIOLATION -> new ValidationException(column == null ? "$" : column, "must not be null");
            case FOREIGN_KEY_VIOLATION -> new NotFoundException("A referenced resource does not exist");
            default -> failure;
        };
    }

    /**
     * For a DELETE: there a foreign key violation means the row is still referenced, so it is 409
     * naming {@code field} with {@code inUse} as the reason (not the 404 of a write that names a
     * missing row); everything else as {@link #translate(Throwable, Map)}.
     */
    public static Throwable translateDelete(Throwable failure, String field, String inUse) {
        if (failure instanceof PgException pg && FOREIGN_KEY_VIOLATION.equals(pg.getSqlState())) {
            return new ConflictException(field, inUse);
        }
        return translate(failure, Map.of());
    }
}
