package dev.agentry.profile.view;

import dev.agentry.common.page.PageRequest;
import dev.agentry.profile.ProfileServiceConfig;
import dev.agentry.profile.base.ProfileRow;
import dev.agentry.profile.base.ProfileStore;
import dev.agentry.profile.fieldvalue.FieldPrecedence;
import dev.agentry.profile.fieldvalue.FieldStore;
import dev.agentry.profile.identity.IdentityStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** Assembles the whole-profile view (three bounded reads in the caller's transaction). */
@ApplicationScoped
public class ProfileViews {

    @Inject
    IdentityStore identities;

    @Inject
    FieldStore fields;

    @Inject
    ProfileStore profiles;

    @Inject
    ProfileServiceConfig config;

    /** The view of live {@code profile}, reached through {@code requestedId}. */
    public Uni<ProfileView> view(SqlConnection conn, UUID tenantId, ProfileRow profile, UUID requestedId) {
        int limit = config.viewListLimit();
        return identities.list(conn, tenantId, profile.id(), PageRequest.first(limit))
                .flatMap(ids -> fields.valid(conn, tenantId, profile.id(), config.viewMaxFieldValues())
                        .flatMap(values -> profiles.mergedInto(conn, tenantId, profile.id(), limit)
                                .map(merged -> new ProfileView(profile.id(), profile.externalId(), profile.createdAt(),
                                        profile.updatedAt(), profile.id().equals(requestedId) ? null : requestedId,
                                        ids.size() > limit ? ids.subList(0, limit) : ids, ids.size() > limit,
                                        FieldPrecedence.current(values), merged))));
    }
}
