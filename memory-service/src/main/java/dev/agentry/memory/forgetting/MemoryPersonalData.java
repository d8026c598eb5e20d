package dev.agentry.memory.forgetting;

import dev.agentry.common.erasure.PersonalDataStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * memory-service's part in profile-service's erasures (common's ErasureFollower): each erased
 * profile's episodes, entities and the relationships touching them go, as
 * {@code POST /v1/erasure} does; the receipt sums the counts.
 */
@ApplicationScoped
public class MemoryPersonalData implements PersonalDataStore {

    @Inject
    ErasureService erasures;

    @Override
    public String storeName() {
        return "memory";
    }

    @Override
    public Uni<Map<String, Integer>> erase(UUID tenantId, List<UUID> profileIds) {
        return Multi.createFrom().iterable(profileIds).onItem().transformToUniAndConcatenate(id -> erasures.erase(tenantId, id))
                .collect().asList().map(done -> Map.of(
                        "episodes", done.stream().mapToInt(CustomerErasure::episodes).sum(),
                        "entities", done.stream().mapToInt(CustomerErasure::entities).sum(),
                        "relationships", done.stream().mapToInt(CustomerErasure::relationships).sum()));
    }
}
