package dev.agentry.profile.fieldvalue;

import dev.agentry.common.error.ConflictException;
import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.profile.ProfileServiceConfig;
import dev.agentry.profile.base.ProfileRow;
import dev.agentry.profile.base.ProfileStore;
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
 * Records field values with provenance and history, in the caller's transaction: the field
 * endpoint's writes and a profile's creation both go through here. Writing never overwrites: a new
 * value closes the validity of the previous valid value of the same field <em>from the same
 * source</em> (its {@code valid_to} becomes the new value's {@code valid_from}) and values from other
 * sources stay valid, competing by {@link FieldPrecedence}. Re-sending the value a source already
 * holds, with the same confidence, verification and validity, records nothing (the runtime
 * re-extracts every turn; history should show changes, not repetitions).
 */
@ApplicationScoped
public class FieldWriter {

    @Inject
    FieldStore store;

    @Inject
    ProfileStore profiles;

    @Inject
    ProfileServiceConfig config;

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
        return store.valid(conn, tenant, profile.id(), names).flatMap(valid -> store.countValidNames(conn, tenant, profile.id())
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
                    return store.writeTime(conn).flatMap(at -> store.close(conn, tenant, profile.id(), toClose, at)
                            .flatMap(n -> store.insertAll(conn, tenant, profile.id(), toInsert, recordedBy, at)))
                            .flatMap(v -> profiles.touch(conn, tenant, profile.id()));
                }));
    }

    private static boolean unchanged(FieldVersion current, FieldStore.NewValue next) {
        return current.value().equals(next.value()) && current.confidence() == next.confidence()
                && current.verified() == next.verified() && Objects.equals(current.validTo(), next.validTo());
    }
}
