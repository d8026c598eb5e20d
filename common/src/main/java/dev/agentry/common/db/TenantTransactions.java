package dev.agentry.common.db;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.AsyncResultUni;
import io.vertx.core.Future;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Transaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one way every store touches the database: a short reactive transaction whose first statement
 * binds the caller's tenant for row-level security ({@code set_config('app.tenant_id', …, true)},
 * local to the transaction, so a pooled connection never carries a tenant into the next use).
 * The RLS policies read it; a query that forgets its tenant filter sees only the caller's rows.
 */
@ApplicationScoped
public class TenantTransactions {

    /** The setting the RLS policies read; migrations compare {@code tenant_id} with it. */
    public static final String TENANT_SETTING = "app.tenant_id";
    /** Set only for platform-admin operations on the tenants table itself. */
    public static final String PLATFORM_SETTING = "app.platform_admin";

    private static final String BIND = "SELECT set_config('" + TENANT_SETTING + "', $1, true), set_config('"
            + PLATFORM_SETTING + "', $2, true)";

    @Inject
    Pool pool;

    /** Runs {@code work} in one transaction as {@code tenantId}. */
    public <T> Uni<T> inTenant(UUID tenantId, Function<SqlConnection, Uni<T>> work) {
        Objects.requireNonNull(tenantId, "tenantId");
        return run(tenantId.toString(), "off", work);
    }

    /**
     * Runs {@code work} in one transaction with platform-admin reach over the tenants table (and
     * nothing else: tenant-owned rows stay invisible unless a tenant is bound as well).
     */
    public <T> Uni<T> asPlatform(Function<SqlConnection, Uni<T>> work) {
        return run("", "on", work);
    }

    /**
     * Runs {@code work} with no tenant bound: every tenant table looks empty. For the few
     * SECURITY DEFINER lookups that must find a credential before its tenant is known.
     */
    public <T> Uni<T> withoutTenant(Function<SqlConnection, Uni<T>> work) {
        return run("", "off", work);
    }

    /**
     * Runs {@code work} on a connection with no tenant bound and no transaction: each statement
     * commits alone, in one round trip instead of the four of {@link #withoutTenant} (BEGIN, the
     * binding, the statement, COMMIT). The binding is transaction-local ({@code set_config(..., true)}),
     * so outside a transaction no tenant is bound and every tenant table looks empty, as in
     * {@link #withoutTenant}. For a single SECURITY DEFINER lookup on a hot path (the token exchange's
     * credential), or a single read through a function that binds its tenant itself for the length
     * of its statement (profile-service's {@code find_identity_in_tenant}); never for writes that must
     * commit together.
     */
    public <T> Uni<T> withoutTenantOrTransaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withConnection(work);
    }

    /** Platform reach plus one tenant bound, for creating a tenant together with its first rows. */
    public <T> Uni<T> asPlatformInTenant(UUID tenantId, Function<SqlConnection, Uni<T>> work) {
        Objects.requireNonNull(tenantId, "tenantId");
        return run(tenantId.toString(), "on", work);
    }

    /**
     * Binds {@code tenantId} inside a transaction already open with platform reach: for work that
     * creates a tenant and then its first rows in one atomic step.
     */
    public Uni<Void> bindTenant(SqlConnection conn, UUID tenantId) {
        return conn.preparedQuery(BIND).execute(Tuple.of(tenantId.toString(), "on")).replaceWithVoid();
    }

    private <T> Uni<T> run(String tenant, String platform, Function<SqlConnection, Uni<T>> work) {
        io.vertx.sqlclient.Tuple binding = io.vertx.sqlclient.Tuple.of(tenant, platform);
        return AsyncResultUni.toUni(done -> pool.getDelegate()
                .withConnection(raw -> pipelined(raw, binding, work))
                .onComplete(done));
    }

    /**
     * One transaction whose {@code BEGIN}, tenant binding and first statement of {@code work} leave
     * together. The connection pipelines what is queued on it before an answer arrives (the pool's
     * {@code pipelining-limit}), and once {@code begin()} has been called every statement goes through
     * the transaction in the order it was issued, so the three cost one round trip;
     * {@code Pool.withTransaction} waits for {@code BEGIN}, then for the binding, before the work
     * starts (three). Nothing runs unbound: should {@code BEGIN} or the binding fail, the statements
     * behind them run in an aborted transaction or with no tenant, where row-level security shows and
     * accepts nothing, and the transaction is rolled back with the first failure. Like
     * {@code Pool.withTransaction}, the transaction ends (commit or rollback) even if the caller
     * cancels: the work runs to its end as a completion stage.
     */
    private static <T> Future<T> pipelined(io.vertx.sqlclient.SqlConnection raw, io.vertx.sqlclient.Tuple binding,
            Function<SqlConnection, Uni<T>> work) {
        Future<Transaction> begun = raw.begin();
        Future<RowSet<Row>> bound = raw.preparedQuery(BIND).execute(binding);
        Future<T> worked;
        try {
            worked = Future.fromCompletionStage(work.apply(SqlConnection.newInstance(raw)).subscribeAsCompletionStage());
        } catch (RuntimeException e) {
            worked = Future.failedFuture(e);
        }
        Future<T> result = worked;
        return Future.join(begun, bound, result).transform(all -> {
            if (begun.failed()) {
                return Future.failedFuture(begun.cause());
            }
            Transaction tx = begun.result();
            if (all.succeeded()) {
                return tx.commit().map(v -> result.result());
            }
            Throwable cause = bound.failed() ? bound.cause() : result.cause();
            return tx.rollback().transform(rolledBack -> Future.<T>failedFuture(cause));
        });
    }
}
