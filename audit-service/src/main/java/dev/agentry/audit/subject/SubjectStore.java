package dev.agentry.audit.subject;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Function;

/**
 * The erasure path's SQL, run as the redactor role (its own pool: the runtime role cannot UPDATE
 * an audit row), in a transaction bound to the caller's tenant like every other.
 */
@ApplicationScoped
public class SubjectStore {

    static final String REDACTED = "[redacted]";

    @Inject
    @ReactiveDataSource("redactor")
    Pool pool;

    <T> Uni<T> inTenant(UUID tenant, Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT set_config('app.tenant_id', $1, true)")
                .execute(Tuple.of(tenant.toString())).flatMap(bound -> work.apply(conn)));
    }

    /** Whose rows an erasure takes: a person's (by profile) or one conversation's (by session). */
    enum Subject {
        PROFILE("profile_id"), SESSION("session_id");

        final String column; // a constant of this enum, never input

        Subject(String column) {
            this.column = column;
        }
    }

    Uni<Integer> turns(SqlConnection conn, UUID tenant, Subject subject, UUID id, OffsetDateTime at) {
        return conn.preparedQuery("UPDATE turn_records SET user_message = $3, "
                + "assistant_response = CASE WHEN assistant_response IS NULL THEN NULL ELSE $3 END, "
                + "context_extracted = NULL, scenario_state = NULL, redacted_at = $4 "
                + "WHERE tenant_id = $1 AND " + subject.column + " = $2 AND redacted_at IS NULL")
                .execute(Tuple.of(tenant, id, REDACTED, at)).map(r -> r.rowCount());
    }

    Uni<Integer> events(SqlConnection conn, UUID tenant, Subject subject, UUID id, OffsetDateTime at) {
        return conn.preparedQuery("UPDATE audit_events SET event_data = '{\"redacted\": true}'::jsonb, redacted_at = $3 "
                + "WHERE tenant_id = $1 AND " + subject.column + " = $2 AND redacted_at IS NULL")
                .execute(Tuple.of(tenant, id, at)).map(r -> r.rowCount());
    }

    /** Logs about the profile (resource_type 'profile'): the content goes, content_hash stays. */
    Uni<Integer> logs(SqlConnection conn, UUID tenant, UUID profile, OffsetDateTime at) {
        return conn.preparedQuery("UPDATE audit_logs SET old_values = NULL, new_values = NULL, ip_address = NULL, "
                + "user_agent = NULL, error_message = NULL, metadata = '{}'::jsonb, redacted_at = $3 "
                + "WHERE tenant_id = $1 AND resource_type = 'profile' AND resource_id = $2 AND redacted_at IS NULL")
                .execute(Tuple.of(tenant, profile.toString(), at)).map(r -> r.rowCount());
    }
}
