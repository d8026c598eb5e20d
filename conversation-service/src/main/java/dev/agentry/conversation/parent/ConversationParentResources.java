package dev.agentry.conversation.parent;

import dev.agentry.common.parent.ParentResources;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.conversation.session.SessionService;
import dev.agentry.conversation.ticket.TicketService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The parents conversation-service's writes name: a session by {@code id} ({@code /v1/sessions/{id}}
 * and its messages, slots, checkpoints and turns) and a ticket by {@code ticketId}
 * ({@code /v1/tickets/{ticketId}} and its transitions, assignee and messages). common's
 * ParentFirstFilter answers 404 for one the caller cannot see before the body is read.
 */
@ApplicationScoped
public class ConversationParentResources implements ParentResources {

    private static final Map<String, String> PARAMETERS = Map.of("id", "session", "ticketId", "ticket");

    @Inject
    SessionService sessions;

    @Inject
    TicketService tickets;

    @Inject
    TenantContext caller;

    @Override
    public Map<String, String> parameters() {
        return PARAMETERS;
    }

    @Override
    public Uni<Boolean> visible(String parameter, UUID id) {
        return parameter.equals("ticketId") ? tickets.exists(caller.tenantId(), id)
                : sessions.find(caller.tenantId(), id).map(Optional::isPresent);
    }
}
