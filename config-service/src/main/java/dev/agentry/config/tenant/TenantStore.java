package dev.agentry.config.tenant;

import static dev.agentry.common.db.Rows.enumValue;
import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.jsonb;
import static dev.agentry.common.db.Rows.object;
import static dev.agentry.common.db.Rows.wire;

import dev.agentry.common.db.Rows;
import dev.agentry.common.db.SqlErrors;
import dev.agentry.common.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code config.tenants}. Runs inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class TenantStore {

    private static final String COLUMNS = "id, name, slug, status, plan, max_agents, max_daily_requests, "
            + "max_monthly_tokens, audit_retention_days, contact_email, contact_name, domain, settings, metadata, created_at, updated_at, deleted_at";
    private static final Map<String, String> UNIQUE = Map.of("uq_tenants_slug", "slug", "uq_tenants_domain", "domain");

    public Uni<Tenant> insert(SqlConnection conn, UUID id, TenantCreate create, TenantPlan plan, TenantLimits limits) {
        return conn.preparedQuery("INSERT INTO tenants (id, name, slug, status, plan, max_agents, max_daily_requests, "
                + "max_monthly_tokens, contact_email, contact_name, domain, settings, metadata, audit_retention_days) "
                + "VALUES ($1, $2, $3, 'active', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { id, create.name().strip(), create.slug(), wire(plan),
                        limits.maxAgents(), limits.maxDailyRequests(), limits.maxMonthlyTokens(),
                        lower(create.contactEmail()), create.contactName(), lower(create.domain()),
                        jsonb(create.settings()), jsonb(create.metadata()), limits.auditRetentionDays() }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Optional<Tenant>> find(SqlConnection conn, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM tenants WHERE id = $1")
                .execute(Tuple.of(id)).map(rows -> Rows.first(rows, TenantStore::map));
    }

    public Uni<Optional<Tenant>> findLiveBySlug(SqlConnection conn, String slug) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM tenants WHERE slug = $1 AND deleted_at IS NULL")
                .execute(Tuple.of(slug)).map(rows -> Rows.first(rows, TenantStore::map));
    }

    /** Newest first; deleted tenants only when asked for by status. */
    public Uni<List<Tenant>> list(SqlConnection conn, TenantStatus status, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM tenants "
                + "WHERE ($1::varchar IS NULL AND deleted_at IS NULL OR status = $1) "
                + "AND ($2::uuid IS NULL OR id < $2) ORDER BY id DESC LIMIT $3")
                .execute(Tuple.of(wire(status), page.after(), page.fetchSize()))
                .map(rows -> Rows.list(rows, TenantStore::map));
    }

    public Uni<Optional<Tenant>> update(SqlConnection conn, UUID id, TenantUpdate update) {
        TenantLimits limits = update.limits();
        return conn.preparedQuery("UPDATE tenants SET name = coalesce($2, name), plan = coalesce($3, plan), "
                + "max_agents = coalesce($4, max_agents), max_daily_requests = coalesce($5, max_daily_requests), "
                + "max_monthly_tokens = coalesce($6, max_monthly_tokens), contact_email = coalesce($7, contact_email), "
                + "contact_name = coalesce($8, contact_name), domain = coalesce($9, domain), "
                + "settings = coalesce($10, settings), metadata = coalesce($11, metadata), "
                + "audit_retention_days = coalesce($12, audit_retention_days), updated_at = now() "
                + "WHERE id = $1 AND deleted_at IS NULL RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { id, update.name() == null ? null : update.name().strip(),
                        wire(update.plan()), limits == null ? null : limits.maxAgents(),
                        limits == null ? null : limits.maxDailyRequests(), limits == null ? null : limits.maxMonthlyTokens(),
                        lower(update.contactEmail()), update.contactName(), lower(update.domain()),
                        update.settings() == null ? null : jsonb(update.settings()),
                        update.metadata() == null ? null : jsonb(update.metadata()),
                        limits == null ? null : limits.auditRetentionDays() }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> Rows.first(rows, TenantStore::map));
    }

    /** Moves a live tenant to {@code status}; deleting also stamps {@code deleted_at}. */
    public Uni<Optional<Tenant>> setStatus(SqlConnection conn, UUID id, TenantStatus status) {
        return conn.preparedQuery("UPDATE tenants SET status = $2::varchar, updated_at = now(), "
                + "deleted_at = CASE WHEN $2::varchar = 'deleted' THEN now() ELSE NULL END "
                + "WHERE id = $1 AND deleted_at IS NULL RETURNING " + COLUMNS)
                .execute(Tuple.of(id, wire(status)))
                .map(rows -> Rows.first(rows, TenantStore::map));
    }

    private static String lower(String value) {
        return value == null ? null : value.strip().toLowerCase(java.util.Locale.ROOT);
    }

    static Tenant map(Row row) {
        return new Tenant(row.getUUID("id"), row.getString("name"), row.getString("slug"),
                enumValue(row, "status", TenantStatus.class), enumValue(row, "plan", TenantPlan.class),
                new TenantLimits(row.getInteger("max_agents"), row.getInteger("max_daily_requests"),
                        row.getLong("max_monthly_tokens"), row.getInteger("audit_retention_days")),
                row.getString("contact_email"), row.getString("contact_name"), row.getString("domain"),
                object(row, "settings"), object(row, "metadata"),
                instant(row, "created_at"), instant(row, "updated_at"), instant(row, "deleted_at"));
    }
}
