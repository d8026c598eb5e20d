package dev.agentry.panache.tenancy;

import dev.agentry.common.db.SqlErrors;
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
     * {@link SqlErrors#translate}'s mapping (409 naming a unique field, 400 for a check or not-null
     * violation, 404 for a foreign key) for a refusal found anywhere in {@code failure}'s causes.
     */
    public static Throwable translate(Throwable failure, Map<String, String> uniqueFields) {
        return refusal(failure).map(r -> SqlErrors.translate(r.sqlState(), r.constraint(), r.column(), uniqueFields, failure))
                .orElse(failure);
    }

    private static String constraintIn(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = CONSTRAINT.matcher(message);
        return m.find() ? m.group(1) : null;
    }
}
