package dev.agentry.audit.subject;

import dev.agentry.common.erasure.PersonalDataStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * audit-service's part in profile-service's erasures (common's ErasureFollower): each erased
 * profile's personal text is redacted from the audit tables, as
 * {@code DELETE /v1/audit/subjects/{profile_id}} does (counts, timings and hashes stay); the
 * receipt sums the rows touched.
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
    public Uni<Map<String, Integer>> erase(UUID tenantId, List<UUID> profileIds) {
        return Multi.createFrom().iterable(profileIds).onItem().transformToUniAndConcatenate(id -> subjects.erase(tenantId, id))
                .collect().asList().map(done -> Map.of(
                        "turn_records", done.stream().mapToInt(SubjectErasure::turnRecords).sum(),
                        "audit_events", done.stream().mapToInt(SubjectErasure::auditEvents).sum(),
                        "audit_logs", done.stream().mapToInt(SubjectErasure::auditLogs).sum()));
    }
}
