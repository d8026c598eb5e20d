package dev.agentry.profile.field;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.profile.base.ProfileLookup;
import dev.agentry.profile.base.ProfileStore;
import dev.agentry.profile.fieldvalue.FieldStore;
import dev.agentry.profile.fieldvalue.FieldVersion;
import dev.agentry.profile.fieldvalue.FieldWriter;
import dev.agentry.profile.view.ProfileView;
import dev.agentry.profile.view.ProfileViews;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * A profile's fields over HTTP: recording values (see {@link FieldWriter} for what a write does),
 * a field's history, and retracting a field.
 */
@ApplicationScoped
public class FieldService {

    @Inject
    TenantTransactions tx;

    @Inject
    FieldStore store;

    @Inject
    FieldWriter writer;

    @Inject
    ProfileStore profiles;

    @Inject
    ProfileLookup lookup;

    @Inject
    ProfileViews views;

    @Inject
    TenantContext caller;

    /** Records the values and answers the profile's new view. */
    public Uni<ProfileView> write(UUID profileId, FieldWrites writes) {
        writer.validate(writes.fields());
        UUID tenant = caller.tenantId();
        String recordedBy = caller.subject();
        return tx.inTenant(tenant, conn -> lookup.lockSurvivor(conn, tenant, profileId)
                .flatMap(profile -> writer.apply(conn, tenant, recordedBy, profile, writes.fields()))
                .flatMap(profile -> views.view(conn, tenant, profile, profileId)));
    }

    /** Every value field {@code name} had on the profile, newest first. */
    public Uni<Page<FieldVersion>> history(UUID profileId, String name, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> lookup.survivor(conn, tenant, profileId)
                .flatMap(profile -> store.history(conn, tenant, profile.id(), name, page)))
                .map(rows -> Page.of(rows, page, FieldVersion::id));
    }

    /** Ends the validity of every current value of the field; its history stays. 404 when it has none. */
    public Uni<Void> retract(UUID profileId, String name) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> lookup.lockSurvivor(conn, tenant, profileId)
                .flatMap(profile -> store.writeTime(conn)
                        .flatMap(at -> store.closeField(conn, tenant, profile.id(), name, at))
                        .flatMap(closed -> {
                            if (closed == 0) {
                                throw new NotFoundException("Field " + name + " has no current value on profile " + profileId);
                            }
                            return profiles.touch(conn, tenant, profile.id());
                        }))).replaceWithVoid();
    }
}
