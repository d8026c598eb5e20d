package dev.agentry.audit.subject;

import dev.agentry.common.error.ServiceException;
import dev.agentry.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Erasure of one person (a customer profile) from the caller's tenant's audit trail. */
@ApplicationScoped
public class SubjectService {

    @Inject
    SubjectStore store;

    @Inject
    TenantContext caller;

    public Uni<SubjectErasure> erase(UUID profile) {
        return erase(caller.tenantId(), profile);
    }

    /** As {@link #erase(UUID)}, for a tenant named by an erasure event rather than a caller. */
    public Uni<SubjectErasure> erase(UUID tenant, UUID profile) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var when = at.atOffset(ZoneOffset.UTC);
        return unavailableAs503(store.inTenant(tenant, conn -> store.turns(conn, tenant, SubjectStore.Subject.PROFILE, profile, when)
                .flatMap(turns -> store.events(conn, tenant, SubjectStore.Subject.PROFILE, profile, when)
                        .flatMap(events -> store.logs(conn, tenant, profile, when)
                                .map(logs -> new SubjectErasure(profile, turns, events, logs, at))))));
    }

    /** One conversation's personal text, whoever it was with: its turn records and audit events. */
    public Uni<SessionErasure> eraseSession(UUID session) {
        UUID tenant = caller.tenantId();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var when = at.atOffset(ZoneOffset.UTC);
        return unavailableAs503(store.inTenant(tenant, conn -> store.turns(conn, tenant, SubjectStore.Subject.SESSION, session, when)
                .flatMap(turns -> store.events(conn, tenant, SubjectStore.Subject.SESSION, session, when)
                        .map(events -> new SessionErasure(session, turns, events, at)))));
    }

    /** The redactor role missing or refused (a deployment without it): 503 naming it, not a 500. */
    private static <T> Uni<T> unavailableAs503(Uni<T> erasure) {
        return erasure.onFailure(e -> !(e instanceof PgException pg) || pg.getSqlState() == null
                        || pg.getSqlState().startsWith("28") || pg.getSqlState().startsWith("42"))
                .transform(e -> new ServiceException(503, "erasure-unavailable", "Erasure unavailable",
                        "The audit store's erasure role is not available: " + e.getMessage(), List.of()));
    }
}
