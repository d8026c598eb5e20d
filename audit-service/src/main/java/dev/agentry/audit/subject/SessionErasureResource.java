package dev.agentry.audit.subject;

import dev.agentry.audit.store.Params;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Erasing one conversation from the audit trail (a session, whoever it was with). */
@Path("/v1/audit/sessions/{session_id}")
@Tag(name = "Audit erasure")
public class SessionErasureResource {

    @Inject
    SubjectService subjects;

    /**
     * Replaces the personal text of the session's turn records and audit events; counts, timings,
     * ids and hashes stay. Safe to repeat.
     */
    @DELETE
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<SessionErasure> erase(@PathParam("session_id") String sessionId) {
        return subjects.eraseSession(Params.uuid("session_id", sessionId));
    }
}
