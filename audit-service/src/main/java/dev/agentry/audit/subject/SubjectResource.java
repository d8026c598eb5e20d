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

/** Erasing a person from the audit trail, keeping what the trail must keep. */
@Path("/v1/audit/subjects/{profile_id}")
@Tag(name = "Audit erasure")
public class SubjectResource {

    @Inject
    SubjectService subjects;

    /**
     * Replaces the personal text of the profile's turn records, audit events and the audit logs
     * about it; counts, timings, ids and hashes stay, and the hash chain still verifies.
     */
    @DELETE
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<SubjectErasure> erase(@PathParam("profile_id") String profileId) {
        return subjects.erase(Params.uuid("profile_id", profileId));
    }
}
