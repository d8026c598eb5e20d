package dev.agentry.config.user;

import static dev.agentry.common.db.Rows.enumValue;
import static dev.agentry.common.db.Rows.instant;
import static dev.agentry.common.db.Rows.jsonb;
import static dev.agentry.common.db.Rows.strings;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All SQL on {@code config.users}, inside the caller's RLS-bound transaction. */
@ApplicationScoped
public class UserStore {

    private static final String COLUMNS = "id, email, username, full_name, first_name, last_name, avatar_url, role, "
            + "permissions, status, email_verified, last_login_at, created_at, updated_at";
    private static final Map<String, String> UNIQUE = Map.of("uq_users_tenant_email", "email",
            "uq_users_tenant_username", "username");

    /** What signing in needs of a user, found by tenant slug and email across tenants. */
    public record Login(UUID id, UUID tenantId, String passwordHash, UserRole role, UserStatus status, String tenantStatus) {
    }

    public Uni<User> insert(SqlConnection conn, UUID tenantId, UUID id, UserCreate create, String passwordHash) {
        return conn.preparedQuery("INSERT INTO users (id, tenant_id, email, username, password_hash, full_name, first_name, "
                + "last_name, avatar_url, role, permissions, status, email_verified) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { id, tenantId, normalise(create.email()), create.username(), passwordHash,
                        create.fullName(), create.firstName(), create.lastName(), create.avatarUrl(),
                        wire(create.role() == null ? UserRole.USER : create.role()), jsonb(create.permissions()),
                        wire(create.status() == null ? UserStatus.ACTIVE : create.status()),
                        Boolean.TRUE.equals(create.emailVerified()) }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> map(rows.iterator().next()));
    }

    public Uni<Optional<User>> find(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL")
                .execute(Tuple.of(tenantId, id)).map(rows -> Rows.first(rows, UserStore::map));
    }

    public Uni<List<User>> list(SqlConnection conn, UUID tenantId, UserStatus status, UserRole role, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE tenant_id = $5 AND deleted_at IS NULL "
                + "AND ($1::varchar IS NULL OR status = $1) AND ($2::varchar IS NULL OR role = $2) "
                + "AND ($3::uuid IS NULL OR id < $3) ORDER BY id DESC LIMIT $4")
                .execute(Tuple.of(wire(status), wire(role), page.after(), page.fetchSize(), tenantId))
                .map(rows -> Rows.list(rows, UserStore::map));
    }

    public Uni<Optional<User>> update(SqlConnection conn, UUID tenantId, UUID id, UserUpdate update, String passwordHash) {
        return conn.preparedQuery("UPDATE users SET email = coalesce($2, email), username = coalesce($3, username), "
                + "password_hash = coalesce($4, password_hash), full_name = coalesce($5, full_name), "
                + "first_name = coalesce($6, first_name), last_name = coalesce($7, last_name), "
                + "avatar_url = coalesce($8, avatar_url), role = coalesce($9, role), "
                + "permissions = coalesce($10, permissions), status = coalesce($11, status), "
                + "email_verified = coalesce($12, email_verified), updated_at = now() "
                + "WHERE tenant_id = $13 AND id = $1 AND deleted_at IS NULL RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { id, normalise(update.email()), update.username(), passwordHash,
                        update.fullName(), update.firstName(), update.lastName(), update.avatarUrl(), wire(update.role()),
                        update.permissions() == null ? null : jsonb(update.permissions()), wire(update.status()),
                        update.emailVerified(), tenantId }))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> Rows.first(rows, UserStore::map));
    }

    public Uni<Boolean> softDelete(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("UPDATE users SET deleted_at = now(), updated_at = now() WHERE tenant_id = $1 AND id = $2 "
                + "AND deleted_at IS NULL").execute(Tuple.of(tenantId, id)).map(rows -> rows.rowCount() == 1);
    }

    /** The user to sign in, through the SECURITY DEFINER lookup (see the V1 migration). */
    public Uni<Optional<Login>> findLogin(SqlConnection conn, String tenantSlug, String email) {
        return conn.preparedQuery("SELECT * FROM user_for_login($1, $2)")
                .execute(Tuple.of(tenantSlug, normalise(email)))
                .map(rows -> Rows.first(rows, row -> new Login(row.getUUID("id"), row.getUUID("tenant_id"),
                        row.getString("password_hash"), enumValue(row, "role", UserRole.class),
                        enumValue(row, "status", UserStatus.class), row.getString("tenant_status"))));
    }

    public Uni<Void> recordLogin(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("UPDATE users SET last_login_at = now() WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id)).replaceWithVoid();
    }

    private static String normalise(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    static User map(Row row) {
        return new User(row.getUUID("id"), row.getString("email"), row.getString("username"), row.getString("full_name"),
                row.getString("first_name"), row.getString("last_name"), row.getString("avatar_url"),
                enumValue(row, "role", UserRole.class), strings(row, "permissions"), enumValue(row, "status", UserStatus.class),
                row.getBoolean("email_verified"), instant(row, "last_login_at"), instant(row, "created_at"),
                instant(row, "updated_at"));
    }
}
