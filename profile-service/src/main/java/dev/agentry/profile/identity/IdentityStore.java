package dev.agentry.profile.identity;

import static dev.agentry.common.db.Rows.instant;
import dev.agentry.common.channel.ChannelKey;

import dev.agentry.common.db.Rows;
import dev.agentry.common.db.SqlErrors;
import dev.agentry.common.page.PageRequest;
import dev.agentry.profile.base.ProfileRow;
import dev.agentry.profile.base.ProfileStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * All SQL on {@code profile.channel_identities}, inside the caller's RLS-bound transaction (but
 * {@link #findInTenant}, which binds its own); every statement names its tenant
 * ({@code tenant_id = $1}) besides the row-level security policy.
 */
@ApplicationScoped
public class IdentityStore {

    private static final String COLUMNS = "id, profile_id, channel, channel_user_id, verified, created_at, updated_at";
    private static final String I_COLUMNS = "i.id, i.profile_id, i.channel, i.channel_user_id, i.verified, i.created_at, i.updated_at";
    static final Map<String, String> UNIQUE = Map.of("uq_channel_identity", "channel_user_id");

    /** An identity with the profile it belongs to. */
    public record Match(Identity identity, ProfileRow profile) {
    }

    /**
     * The identity and its profile: the resolve hot path, one probe of the unique index
     * (tenant_id, channel, channel_user_id) and one of the profile's primary key.
     */
    public Uni<Optional<Match>> find(SqlConnection conn, UUID tenantId, ChannelKey key) {
        return conn.preparedQuery("SELECT " + I_COLUMNS + ", " + ProfileStore.columns("p", "p_")
                + " FROM channel_identities i JOIN customer_profiles p ON p.tenant_id = i.tenant_id AND p.id = i.profile_id"
                + " WHERE i.tenant_id = $1 AND i.channel = $2 AND i.channel_user_id = $3")
                .execute(Tuple.of(tenantId, key.channel(), key.userId()))
                .map(rows -> Rows.first(rows, IdentityStore::match));
    }

    /**
     * {@link #find(SqlConnection, UUID, ChannelKey)} as one statement that binds the tenant itself
     * (the migration's {@code find_identity_in_tenant}): for a connection outside any transaction
     * ({@code TenantTransactions.withoutTenantOrTransaction}), where it costs one round trip instead
     * of the transaction's two. It only reads.
     */
    public Uni<Optional<Match>> findInTenant(SqlConnection conn, UUID tenantId, ChannelKey key) {
        return conn.preparedQuery("SELECT * FROM find_identity_in_tenant($1, $2, $3)")
                .execute(Tuple.of(tenantId, key.channel(), key.userId()))
                .map(rows -> Rows.first(rows, IdentityStore::match));
    }

    /**
     * Creates the identity and a new profile for it in one statement, unless the identity exists:
     * {@code ON CONFLICT DO NOTHING} on the unique index waits for a concurrent insert of the same
     * identity to commit and then inserts nothing, so of many concurrent first resolves exactly one
     * creates; the others answer empty and re-read the winner. The profile row is inserted from the
     * identity's RETURNING, so a lost race leaves no orphan profile; the foreign key is checked at
     * the end of the statement, when both rows exist.
     */
    public Uni<Optional<Match>> insertWithNewProfile(SqlConnection conn, UUID tenantId, UUID identityId, UUID profileId,
            ChannelKey key, boolean verified) {
        return conn.preparedQuery("WITH i AS (INSERT INTO channel_identities (id, tenant_id, profile_id, channel, "
                + "channel_user_id, verified) VALUES ($1, $2, $3, $4, $5, $6) "
                + "ON CONFLICT (tenant_id, channel, channel_user_id) DO NOTHING RETURNING tenant_id, " + COLUMNS + "), "
                + "p AS (INSERT INTO customer_profiles (id, tenant_id) SELECT profile_id, tenant_id FROM i RETURNING "
                + ProfileStore.COLUMNS + ") "
                + "SELECT " + I_COLUMNS + ", " + ProfileStore.columns("p", "p_") + " FROM i, p")
                .execute(Tuple.of(identityId, tenantId, profileId, key.channel(), key.userId(), verified))
                .map(rows -> Rows.first(rows, IdentityStore::match));
    }

    public Uni<Identity> insert(SqlConnection conn, UUID tenantId, UUID id, UUID profileId, ChannelKey key, boolean verified) {
        return conn.preparedQuery("INSERT INTO channel_identities (id, tenant_id, profile_id, channel, channel_user_id, verified) "
                + "VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS)
                .execute(Tuple.of(id, tenantId, profileId, key.channel(), key.userId(), verified))
                .onFailure().transform(e -> SqlErrors.translate(e, UNIQUE))
                .map(rows -> map(rows.iterator().next()));
    }

    /** Marks an identity verified (a resolve never un-verifies one). */
    public Uni<Identity> markVerified(SqlConnection conn, UUID tenantId, UUID id) {
        return conn.preparedQuery("UPDATE channel_identities SET verified = true, updated_at = now() "
                + "WHERE tenant_id = $1 AND id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.of(tenantId, id)).map(rows -> map(rows.iterator().next()));
    }

    /** A profile's identities, newest first. */
    public Uni<List<Identity>> list(SqlConnection conn, UUID tenantId, UUID profileId, PageRequest page) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM channel_identities WHERE tenant_id = $1 AND profile_id = $2 "
                + "AND ($3::uuid IS NULL OR id < $3) ORDER BY id DESC LIMIT $4")
                .execute(Tuple.of(tenantId, profileId, page.after(), page.fetchSize())).map(rows -> Rows.list(rows, IdentityStore::map));
    }

    public Uni<Optional<Identity>> find(SqlConnection conn, UUID tenantId, UUID profileId, UUID id) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM channel_identities WHERE tenant_id = $1 AND profile_id = $2 "
                + "AND id = $3")
                .execute(Tuple.of(tenantId, profileId, id)).map(rows -> Rows.first(rows, IdentityStore::map));
    }

    public Uni<Boolean> delete(SqlConnection conn, UUID tenantId, UUID profileId, UUID id) {
        return conn.preparedQuery("DELETE FROM channel_identities WHERE tenant_id = $1 AND profile_id = $2 AND id = $3")
                .execute(Tuple.of(tenantId, profileId, id)).map(rows -> rows.rowCount() == 1);
    }

    /** Moves every identity of {@code fromProfile} to {@code toProfile} (a merge); answers how many. */
    public Uni<Integer> reassign(SqlConnection conn, UUID tenantId, UUID fromProfile, UUID toProfile) {
        return conn.preparedQuery("UPDATE channel_identities SET profile_id = $3, updated_at = now() "
                + "WHERE tenant_id = $1 AND profile_id = $2")
                .execute(Tuple.of(tenantId, fromProfile, toProfile)).map(rows -> rows.rowCount());
    }

    public Uni<Integer> deleteForProfiles(SqlConnection conn, UUID tenantId, List<UUID> profileIds) {
        return conn.preparedQuery("DELETE FROM channel_identities WHERE tenant_id = $1 AND profile_id = ANY($2)")
                .execute(Tuple.of(tenantId, profileIds.toArray(UUID[]::new))).map(rows -> rows.rowCount());
    }

    private static Match match(Row row) {
        return new Match(map(row), ProfileStore.map(row, "p_"));
    }

    static Identity map(Row row) {
        return new Identity(row.getUUID("id"), row.getUUID("profile_id"), row.getString("channel"),
                row.getString("channel_user_id"), row.getBoolean("verified"), instant(row, "created_at"),
                instant(row, "updated_at"));
    }
}
