package dev.agentry.conversation.session;

import dev.agentry.common.erasure.PersonalDataStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * conversation-service's part in profile-service's erasures (common's ErasureFollower): each erased
 * profile's sessions go from Redis and PostgreSQL with their messages, slots, decisions, actions
 * and checkpoints, as {@code POST /v1/sessions/erasure} does; the receipt sums them.
 */
@ApplicationScoped
public class ConversationPersonalData implements PersonalDataStore {

    @Inject
    SessionService sessions;

    @Override
    public String storeName() {
        return "conversation";
    }

    @Override
    public Uni<Map<String, Integer>> erase(UUID tenantId, List<UUID> profileIds) {
        return Multi.createFrom().iterable(profileIds).onItem().transformToUniAndConcatenate(id -> sessions.erase(tenantId, id))
                .collect().asList().map(done -> Map.of(
                        "sessions", done.stream().mapToInt(ErasureReceipt::sessionsErased).sum(),
                        "messages", done.stream().mapToInt(ErasureReceipt::messagesErased).sum()));
    }
}
