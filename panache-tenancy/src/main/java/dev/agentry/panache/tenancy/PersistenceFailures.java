package dev.agentry.panache.tenancy;

import dev.agentry.common.db.SqlErrors;
import dev.agentry.common.error.ConflictException;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import io.vertx.pgclient.PgException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hibernate Reactive reports the database's refusals (a unique or exclusion violation raised at
 * flush or commit) as its own exceptions over a {@link SQLException} carrying PostgreSQL's SQLSTATE
 * and message; plain SQL reports a {@link PgException}. This reads either as one {@link Refusal},
 * so a constraint answers the same API error whichever style hit it ({@link SqlErrors}' mapping).
 */
public final class PersistenceFailures {

    private static final Pattern CONSTRAINT = Pattern.compile("constraint \"([^\"]+)\"");

    /** What the database refused: its SQLSTATE and, when it names one, the constraint. */
    public record Refusal(String sqlState, String constraint, String column) {
    }

    private PersistenceFailures() {
    }

    /** The database's refusal somewhere in {@code failure}'s cause chain. */
    public static Optional<Refusal> refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg) {
                return Optional.of(new Refusal(pg.getSqlState(), pg.getConstraint(), pg.getColumn()));
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException cve && cve.getSQLState() != null) {
                String name = cve.getConstraintName();
                return Optional.of(new Refusal(cve.getSQLState(), name != null ? name : constraintIn(cve.getMessage()), null));
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(new Refusal(sql.getSQLState(), constraintIn(sql.getMessage()), null));
            }
        }
        return Optional.empty();
    }

    /**
     * Like {@link SqlErrors#translate}: a unique violation on one of {@code uniqueFields} is 409
     * naming the field, a check or not-null violation 400, a foreign key violation 404; anything
     * else passes through unchanged.
     */
    public static Throwable translate(Throwable failure, Map<String, String> uniqueFields) {
        Refusal r = refusal(failure).orElse(null);
        if (r == null) {
            return failure;
        }
        String field = r.constraint() == null ? null : uniqueFields.get(r.constraint());
        return switch (r.sqlState()) {
            case SqlErrors.UNIQUE_VIOLATION -> field == null ? new ConflictException("A conflicting row already exists")
                    : new ConflictException(field, field + " is already taken");
            case SqlErrors.CHECK_VIOLATION -> new ValidationException(r.constraint() == null ? "$" : r.constraint(),
                    "violates a constraint");
            case SqlErrors.NOT_NULL_VIOLATION -> new ValidationException(r.column() == null ? "$" : r.column(), "must not be null");
            case SqlErrors.FOREIGN_KEY_VIOLATION -> new NotFoundException("A referenced resource does not exist");
            default -> failure;
        };
    }

    private static String constraintIn(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = CONSTRAINT.matcher(message);
        return m.find() ? m.group(1) : null;
    }
}
