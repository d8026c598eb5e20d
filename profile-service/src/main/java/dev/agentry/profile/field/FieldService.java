package dev.agentry.profile.field;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.ConflictException;
import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.profile.ProfileServiceConfig;
import dev.agentry.profile.profile.ProfileLookup;
import dev.agentry.profile.profile.ProfileRow;
import dev.agentry.profile.profile.ProfileStore;
import dev.agentry.profile.profile.ProfileView;
import dev.agentry.profile.profile.ProfileViews;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Field values with provenance and history. Writing never overwrites: a new value closes the
 * validity of the previous valid value of the same field <em>from the same source</em> (its
 * {@code valid_to} becomes the new value's {@code valid_from}) and values from other sources stay
 * valid, competing by {@link FieldPrecedence}. Re-sending the value a source already holds, with
 * the same confidence, verification and validity, records nothing (the runtime re-extracts every
 * turn; history should show changes, not repetitions).
 */
@ApplicationScoped
public class FieldService {

    @Inject
    TenantTransactions tx;

    @Inject
    FieldStore store;

    @Inject
    ProfileStore profiles;

    @Inject
    ProfileLookup lookup;

    @Inject
    ProfileViews views;

    @Inject
    TenantContext caller;

    @Inject
    ProfileServiceConfig config;

    /** Records the values and answers the profile's new view. */
    public Uni<ProfileView> write(UUID profileId, FieldWrites writes) {
        validate(writes.fields());
        UUID tenant = caller.tenantId();
        String recordedBy = caller.subject();
        return tx.inTenant(tenant, conn -> lookup.lockSurvivor(conn, profileId)
                .flatMap(profile -> apply(conn, tenant, recordedBy, profile, writes.fields()))
                .flatMap(profile -> views.view(conn, profile, profileId)));
    }

    /** Every value field {@code name} had on the profile, newest first. */
    public Uni<Page<FieldVersion>> history(UUID profileId, String name, PageRequest page) {
        return tx.inTenant(caller.tenantId(), conn -> lookup.survivor(conn, profileId)
                .flatMap(profile -> store.history(conn, profile.id(), name, page)))
                .map(rows -> Page.of(rows, page, FieldVersion::id));
    }

    /** Ends the validity of every current value of the field; its history stays. 404 when it has none. */
    public Uni<Void> retract(UUID profileId, String name) {
        return tx.inTenant(caller.tenantId(), conn -> lookup.lockSurvivor(conn, profileId)
                .flatMap(profile -> store.writeTime(conn)
                        .flatMap(at -> store.closeField(conn, profile.id(), name, at))
                        .flatMap(closed -> {
                            if (closed == 0) {
                                throw new NotFoundException("Field " + name + " has no current value on profile " + profileId);
                            }
                            return profiles.touch(conn, profile.id());
                        }))).replaceWithVoid();
    }

    /** Refuses, before any SQL, what would make a batch ambiguous or invalid; paths are {@code fields[i]...}. */
    public void validate(List<FieldWrite> writes) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        Instant now = Instant.now();
        for (int i = 0; i < writes.size(); i++) {
            FieldWrite w = writes.get(i);
            Integer earlier = seen.putIfAbsent(w.name() + "\n" + w.source(), i);
            if (earlier != null) {
                errors.add(new FieldError("fields[" + i + "]", "repeats the name and source of fields[" + earlier + "]"));
            }
            if (w.validTo() != null && !w.validTo().isAfter(now)) {
                errors.add(new FieldError("fields[" + i + "].valid_to", "must be in the future"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /**
     * Records validated values on a live profile the caller has locked (or just created) and
     * answers the profile as it now is. {@code recordedBy} is the writer's token subject.
     */
    public Uni<ProfileRow> apply(SqlConnection conn, UUID tenant, String recordedBy, ProfileRow profile,
            List<FieldWrite> writes) {
        if (writes.isEmpty()) {
            return Uni.createFrom().item(profile);
        }
        List<String> names = new ArrayList<>(new LinkedHashSet<>(writes.stream().map(FieldWrite::name).toList()));
        return store.valid(conn, profile.id(), names).flatMap(valid -> store.countValidNames(conn, profile.id())
                .flatMap(held -> {
                    Set<String> heldNames = new HashSet<>();
                    valid.forEach(v -> heldNames.add(v.name()));
                    long added = names.stream().filter(n -> !heldNames.contains(n)).count();
                    if (held + added > config.maxFieldsPerProfile()) {
                        throw new ConflictException("fields", "a profile holds at most " + config.maxFieldsPerProfile()
                                + " fields; retract some first");
                    }
                    List<UUID> toClose = new ArrayList<>();
                    List<FieldStore.NewValue> toInsert = new ArrayList<>();
                    for (FieldWrite w : writes) {
                        List<FieldVersion> sameSource = valid.stream()
                                .filter(v -> v.name().equals(w.name()) && v.source() == w.source()).toList();
                        FieldStore.NewValue next = new FieldStore.NewValue(Ids.newId(), w.name(), w.value().strip(),
                                w.source(), w.confidenceOrDefault(), w.isVerified(),
                                w.validTo() == null ? null : w.validTo().truncatedTo(ChronoUnit.MICROS));
                        if (sameSource.size() == 1 && unchanged(sameSource.get(0), next)) {
                            continue;
                        }
                        sameSource.forEach(v -> toClose.add(v.id()));
                        toInsert.add(next);
                    }
                    if (toInsert.isEmpty()) {
                        return Uni.createFrom().item(profile);
                    }
                    return store.writeTime(conn).flatMap(at -> store.close(conn, toClose, at)
                            .flatMap(n -> store.insertAll(conn, tenant, profile.id(), toInsert, recordedBy, at)))
                            .flatMap(v -> profiles.touch(conn, profile.id()));
                }));
    }

    private static boolean unchanged(FieldVersion current, FieldStore.NewValue next) {
        return current.value().equals(next.value()) && current.confidence() == next.confidence()
                && current.verified() == next.verified() && Objects.equals(current.validTo(), next.validTo());
    }
}
