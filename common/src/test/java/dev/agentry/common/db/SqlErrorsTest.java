package dev.agentry.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.agentry.common.error.ConflictException;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import io.vertx.pgclient.PgException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {

    private static final Map<String, String> UNIQUE = Map.of("agents_slug_live_uq", "slug");

    /** A server error as the PostgreSQL wire protocol reports it: state, column and constraint. */
    private static PgException pg(String sqlState, String column, String constraint) {
        return new PgException("refused", "ERROR", sqlState, null, null, null, null, null, null, null, null, null,
                "config", "agents", column, null, constraint);
    }

    @Test
    void uniqueViolationOnAKnownConstraintIsAConflictNamingTheField() {
        Throwable mapped = SqlErrors.translate(pg(SqlErrors.UNIQUE_VIOLATION, null, "agents_slug_live_uq"), UNIQUE);
        ConflictException conflict = assertInstanceOf(ConflictException.class, mapped);
        assertEquals(409, conflict.status());
        assertEquals("slug", conflict.errors().get(0).field());
    }

    @Test
    void uniqueViolationOnAnUnknownConstraintIsStillAConflict() {
        assertInstanceOf(ConflictException.class, SqlErrors.translate(pg(SqlErrors.UNIQUE_VIOLATION, null, "other"), UNIQUE));
    }

    @Test
    void notNullViolationNamesTheColumn() {
        Throwable mapped = SqlErrors.translate(pg(SqlErrors.NOT_NULL_VIOLATION, "condition_text", null), UNIQUE);
        ValidationException invalid = assertInstanceOf(ValidationException.class, mapped);
        assertEquals(400, invalid.status());
        assertEquals("condition_text", invalid.errors().get(0).field());
        assertEquals("must not be null", invalid.errors().get(0).message());
    }

    @Test
    void checkViolationIsABadRequestNamingTheConstraint() {
        ValidationException invalid = assertInstanceOf(ValidationException.class,
                SqlErrors.translate(pg(SqlErrors.CHECK_VIOLATION, null, "agents_temperature_ck"), UNIQUE));
        assertEquals("agents_temperature_ck", invalid.errors().get(0).field());
    }

    @Test
    void foreignKeyViolationIsNotFound() {
        assertInstanceOf(NotFoundException.class, SqlErrors.translate(pg(SqlErrors.FOREIGN_KEY_VIOLATION, null, "fk"), UNIQUE));
    }

    @Test
    void otherFailuresPassThrough() {
        PgException deadlock = pg("40P01", null, null);
        assertSame(deadlock, SqlErrors.translate(deadlock, UNIQUE));
        IllegalStateException other = new IllegalStateException();
        assertSame(other, SqlErrors.translate(other, UNIQUE));
    }
}
