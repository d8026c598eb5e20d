package dev.agentry.profile.customer;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.profile.ProfileServiceConfig;
import dev.agentry.profile.asset.AssetStore;
import dev.agentry.profile.base.Profile;
import dev.agentry.profile.base.ProfileLookup;
import dev.agentry.profile.base.ProfileRow;
import dev.agentry.profile.base.ProfileStore;
import dev.agentry.profile.erasure.Erasure;
import dev.agentry.profile.erasure.ErasureAnnouncer;
import dev.agentry.profile.erasure.ErasureRow;
import dev.agentry.profile.erasure.ErasureStore;
import dev.agentry.profile.fieldvalue.FieldStore;
import dev.agentry.profile.fieldvalue.FieldWrite;
import dev.agentry.profile.fieldvalue.FieldWriter;
import dev.agentry.common.channel.ChannelKey;
import dev.agentry.profile.identity.IdentityCreate;
import dev.agentry.profile.identity.IdentityService;
import dev.agentry.profile.identity.IdentityStore;
import dev.agentry.profile.view.ProfileView;
import dev.agentry.profile.view.ProfileViews;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Profiles: creation, the whole-profile view, search, the external id, and erasure. */
@ApplicationScoped
public class ProfileService {

    private static final Logger LOG = Logger.getLogger(ProfileService.class);

    @Inject
    ErasureStore erasures;

    @Inject
    ErasureAnnouncer announcer;

    @Inject
    TenantTransactions tx;

    @Inject
    ProfileStore store;

    @Inject
    ProfileLookup lookup;

    @Inject
    ProfileViews views;

    @Inject
    IdentityService identityService;

    @Inject
    FieldWriter fieldWriter;

    @Inject
    IdentityStore identities;

    @Inject
    FieldStore fields;

    @Inject
    AssetStore assets;

    @Inject
    TenantContext caller;

    @Inject
    ProfileServiceConfig config;

    /** Creates a profile with its first identities and field values, all or nothing. */
    public Uni<ProfileView> create(ProfileCreate create) {
        List<ChannelKey> keys = keys(create.identitiesOrEmpty());
        List<FieldWrite> writes = create.fieldsOrEmpty();
        fieldWriter.validate(writes);
        UUID tenant = caller.tenantId();
        String recordedBy = caller.subject();
        UUID id = Ids.newId();
        return tx.inTenant(tenant, conn -> store.insert(conn, tenant, id, strip(create.externalId()))
                .call(profile -> attachAll(conn, tenant, profile, keys, create.identitiesOrEmpty()))
                .flatMap(profile -> fieldWriter.apply(conn, tenant, recordedBy, profile, writes))
                .flatMap(profile -> views.view(conn, tenant, profile, id)));
    }

    /** The whole profile; a merged id answers with its survivor's view ({@code resolved_from} says so). */
    public Uni<ProfileView> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> lookup.survivor(conn, tenant, id).flatMap(p -> views.view(conn, tenant, p, id)));
    }

    /**
     * Live profiles, newest first, found by at most one criterion: an external id (a tombstone's
     * redirects), a channel identity, or a field value (normalised as the V1 migration's
     * {@code normalize_field_value}, matched against every currently valid value, not only the
     * winning one). With none, every live profile.
     */
    public Uni<Page<Profile>> search(ProfileSearch search, PageRequest page) {
        ProfileSearch.Criterion criterion = search.criterion();
        ChannelKey key = criterion == ProfileSearch.Criterion.IDENTITY ? ChannelKey.of(search.channel(), search.channelUserId())
                : null;
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> switch (criterion) {
            case NONE -> store.list(conn, tenant, page);
            case EXTERNAL_ID -> single(store.findByExternalIdFollowingMerges(conn, tenant, search.externalId().strip(),
                    config.maxMergeDepth()), page);
            case IDENTITY -> single(identityService.profileOf(conn, tenant, key), page);
            case FIELD -> store.searchByField(conn, tenant, search.field(), search.value(), page);
        }).map(rows -> Page.of(rows, page, ProfileRow::id).map(ProfileRow::toProfile));
    }

    /** Sets the profile's external id (409 when another profile of the tenant has it). */
    public Uni<ProfileView> update(UUID id, ProfileUpdate update) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> lookup.lockSurvivor(conn, tenant, id)
                .flatMap(p -> store.setExternalId(conn, tenant, p.id(), update.externalId().strip()))
                .flatMap(p -> views.view(conn, tenant, p, id)));
    }

    /**
     * Erases a person for an erasure request: the live profile {@code id} stands for, every profile
     * merged into it, and all their identities, field values (history included) and assets. An id
     * of a merged profile names the same person, so it erases the survivor too. Nothing is kept but
     * the erasure request itself (ids and counts), recorded in the same transaction; after the
     * commit it is announced to the other stores, whose receipts {@code GET /v1/profiles/erasures/{id}}
     * shows. A later resolve of one of the identities starts a new profile.
     */
    public Uni<ErasureReceipt> erase(UUID id) {
        UUID tenant = caller.tenantId();
        UUID erasureId = Ids.newId();
        return tx.inTenant(tenant, conn -> lookup.lockSurvivor(conn, tenant, id)
                .flatMap(survivor -> store.allMergedInto(conn, tenant, survivor.id()).flatMap(merged -> {
                    List<UUID> all = new ArrayList<>();
                    all.add(survivor.id());
                    all.addAll(merged);
                    return identities.deleteForProfiles(conn, tenant, all)
                            .flatMap(i -> fields.deleteForProfiles(conn, tenant, all)
                                    .flatMap(f -> assets.deleteForProfiles(conn, tenant, all)
                                            .flatMap(a -> store.deleteAll(conn, tenant, all).map(p -> new ErasureRow(erasureId, id, all,
                                                    new Erasure.Counts(i, f, a), caller.subject(), config.erasure().stores(),
                                                    Instant.now().truncatedTo(ChronoUnit.MICROS), null, 0, null)))))
                            .call(row -> erasures.insert(conn, tenant, row));
                })))
                .call(row -> announcer.announce(tenant, row))
                .map(row -> new ErasureReceipt(erasureId, id, row.erasedProfileIds(), row.counts().identities(),
                        row.counts().fieldValues(), row.counts().assets(), row.requestedAt()))
                .invoke(r -> LOG.infof("Erased profiles %s (erasure %s): %d identities, %d field values, %d assets",
                        r.erasedProfileIds(), r.erasureId(), r.identities(), r.fieldValues(), r.assets()));
    }

    private Uni<Void> attachAll(SqlConnection conn, UUID tenant, ProfileRow profile, List<ChannelKey> keys,
            List<IdentityCreate> creates) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            indexes.add(i);
        }
        // One after the other: a connection runs one statement at a time anyway, and the first
        // duplicate stops the transaction.
        return Multi.createFrom().iterable(indexes)
                .onItem().transformToUniAndConcatenate(i -> identityService.attach(conn, tenant, profile, keys.get(i),
                        creates.get(i).isVerified()))
                .collect().last().replaceWithVoid();
    }

    /** Normalised keys of the identities of a creation; the same identity twice is a 400. */
    private static List<ChannelKey> keys(List<IdentityCreate> creates) {
        List<ChannelKey> keys = new ArrayList<>();
        Set<ChannelKey> seen = new HashSet<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < creates.size(); i++) {
            ChannelKey key = creates.get(i).key();
            if (!seen.add(key)) {
                errors.add(new FieldError("identities[" + i + "]", "repeats an identity listed before it"));
            }
            keys.add(key);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return keys;
    }

    private static Uni<List<ProfileRow>> single(Uni<Optional<ProfileRow>> found, PageRequest page) {
        // A single answer fits any page; a cursor means the caller already has it.
        return found.map(row -> row.filter(r -> page.after() == null).map(List::of).orElse(List.of()));
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
