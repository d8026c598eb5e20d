package dev.agentry.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What ARCHITECTURE.md asks of every service's schema, read from the catalog through the
 * service's own pool: every table and every partition (also those made later, month by month) has
 * row-level security enabled and forced, and
 * the runtime role can neither bypass it nor own the tables. A service's RowLevelSecurityTest
 * extends it and adds its own checks of what the policies let through.
 */
public abstract class SchemaSecurityContract {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TABLES = "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname NOT LIKE 'flyway%'";

    @Inject
    protected Pool pool;

    /** The service's schema. */
    protected abstract String schema();

    /**
     * How many tables the migrations make, not counting partitions (they come and go with time): a
     * new table must be counted on purpose.
     */
    protected abstract int tableCount();

    @Test
    void everyTableHasForcedRowLevelSecurity() {
        List<String> unprotected = new ArrayList<>();
        pool.preparedQuery("SELECT c.relname " + TABLES + " AND (NOT c.relrowsecurity OR NOT c.relforcerowsecurity)")
                .execute(Tuple.of(schema())).await().atMost(WAIT).forEach(row -> unprotected.add(row.getString(0)));
        assertEquals(List.of(), unprotected);
        long tables = pool.preparedQuery("SELECT count(*) " + TABLES + " AND NOT c.relispartition").execute(Tuple.of(schema())).await().atMost(WAIT)
                .iterator().next().getLong(0);
        assertEquals(tableCount(), tables);
    }

    @Test
    void theRuntimeRoleIsNeitherOwnerNorSuperuser() {
        Row row = pool.preparedQuery("SELECT r.rolsuper, r.rolbypassrls, EXISTS (SELECT 1 FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relowner = r.oid) AS owns "
                + "FROM pg_roles r WHERE r.rolname = current_user").execute(Tuple.of(schema())).await().atMost(WAIT)
                .iterator().next();
        assertFalse(row.getBoolean("rolsuper"), "runtime role is a superuser");
        assertFalse(row.getBoolean("rolbypassrls"), "runtime role bypasses RLS");
        assertFalse(row.getBoolean("owns"), "runtime role owns tables of " + schema());
    }
}
