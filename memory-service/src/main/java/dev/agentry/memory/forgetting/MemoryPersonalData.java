package dev.agentry.memory.forgetting;

import dev.agentry.common.erasure.PersonalDataStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;

/**
 * memory-service's part in profile-service's erasures (common's ErasureFollower): the profile's
 * episodes, entities and the relationships touching them go, as {@code DELETE
 * /v1/customers/{id}/memory} does.
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
    public Uni<Map<String, Integer>> eraseProfile(UUID tenantId, UUID profileId) {
        return erasures.erase(tenantId, profileId).map(done -> Map.of("episodes", done.episodes(), "entities", done.entities(), "relationships", done.relationships()));
    }
}
