package dev.agentry.audit.subject;

import dev.agentry.common.erasure.PersonalDataStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;

/**
 * audit-service's part in profile-service's erasures (common's ErasureFollower): the profile's
 * personal text is redacted from the audit tables, as {@code DELETE /v1/audit/subjects/{profile_id}}
 * does (counts, timings and hashes stay).
 */
@ApplicationScoped
public class AuditPersonalData implements PersonalDataStore {

    @Inject
    SubjectService subjects;

    @Override
    public String storeName() {
        return "audit";
    }

    @Override
    public Uni<Map<String, Integer>> eraseProfile(UUID tenantId, UUID profileId) {
        return subjects.erase(tenantId, profileId).map(done -> Map.of("turn_records", done.turnRecords(), "audit_events", done.auditEvents(), "audit_logs", done.auditLogs()));
    }
}
