package dev.agentry.conversation.session;

import dev.agentry.common.erasure.PersonalDataStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;

/**
 * conversation-service's part in profile-service's erasures (common's ErasureFollower): the
 * profile's sessions go from Redis and PostgreSQL with their messages, slots, decisions, actions and
 * checkpoints, and the tickets that came from them keep no personal text, as
 * {@code POST /v1/sessions/erasure} does.
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
    public Uni<Map<String, Integer>> eraseProfile(UUID tenantId, UUID profileId) {
        return sessions.erase(tenantId, profileId).map(done -> Map.of("sessions", done.sessionsErased(), "messages", done.messagesErased(),
                "tickets_redacted", done.ticketsRedacted(), "ticket_messages_redacted", done.ticketMessagesRedacted()));
    }
}
