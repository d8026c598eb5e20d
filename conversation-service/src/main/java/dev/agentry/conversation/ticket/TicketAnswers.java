package dev.agentry.conversation.ticket;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.id.Ids;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.conversation.support.EscalationReason;
import dev.agentry.conversation.support.EscalationTriggers;
import dev.agentry.conversation.support.EscalationWebhook;
import dev.agentry.conversation.support.KnowledgeAnswer;
import dev.agentry.conversation.support.KnowledgeAnswers;
import dev.agentry.conversation.support.SupportSettings;
import dev.agentry.conversation.support.SupportSettingsService;
import dev.agentry.conversation.sync.SyncOutboxStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The seed's data flow after a ticket or a customer message is stored: the knowledge-base answer
 * (outside any transaction: it calls memory-service), the escalation triggers, then one short
 * transaction that stores the answer as an assistant message and, when a trigger fired and the
 * ticket's status allows it, moves the ticket to {@code escalated} with the triggers as the reason;
 * last, the tenant's webhook hears of the escalation without the caller waiting for it.
 */
@ApplicationScoped
public class TicketAnswers {

    /** The actor of what the support desk does by itself (answers, escalations). */
    static final String DESK = "agentry:support-desk";

    @Inject
    TenantTransactions tx;

    @Inject
    TicketStore tickets;

    @Inject
    TicketMessageStore messages;

    @Inject
    SupportSettingsService settings;

    @Inject
    KnowledgeAnswers knowledge;

    @Inject
    EscalationWebhook webhook;

    @Inject
    TenantContext caller;

    @Inject
    SyncOutboxStore outbox;

    private record Outcome(Ticket ticket, TicketMessage answer, boolean escalated) {
    }

    /**
     * Answers {@code question} on {@code ticket}: a new ticket's title and description
     * ({@code message} null; an urgent priority can escalate it), or a customer's {@code message}.
     */
    public Uni<TicketActivity> answer(String authorization, Ticket ticket, TicketMessage message, String question) {
        UUID tenant = caller.tenantId();
        boolean newTicket = message == null;
        return tx.inTenant(tenant, conn -> settings.effective(conn, tenant)).flatMap(s -> knowledge.answer(authorization, s, question)
                .flatMap(kb -> {
                    List<EscalationReason> reasons = EscalationTriggers.of(question,
                            newTicket && ticket.priority() == TicketPriority.URGENT, kb, s);
                    List<String> degraded = kb.degraded();
                    if (kb.content() == null && reasons.isEmpty()) {
                        return Uni.createFrom().item(new TicketActivity(ticket, message, null, List.of(), degraded));
                    }
                    return tx.inTenant(tenant, conn -> record(conn, tenant, ticket.id(), kb, reasons)).map(outcome -> {
                        if (outcome.escalated() && s.escalationWebhookUrl() != null) {
                            announce(s.escalationWebhookUrl(), tenant, outcome.ticket());
                        }
                        return new TicketActivity(outcome.ticket(), message, outcome.answer(), reasons, degraded);
                    });
                }));
    }

    private Uni<Outcome> record(SqlConnection conn, UUID tenant, UUID ticketId, KnowledgeAnswer kb, List<EscalationReason> reasons) {
        return tickets.lock(conn, tenant, ticketId).flatMap(found -> {
            Ticket current = found.orElseThrow(() -> new IllegalStateException("ticket " + ticketId + " vanished"));
            Uni<TicketMessage> answer = kb.content() == null ? Uni.createFrom().nullItem()
                    : messages.append(conn, tenant, ticketId, Ids.newId(), TicketMessageRole.ASSISTANT, kb.content(),
                            answerMetadata(kb, reasons), DESK).map(m -> m.orElse(null))
                            .call(m -> outbox.enqueueUpdate(conn, tenant, ticketId, "comment", TicketMessages.syncPayload(m)));
            boolean escalate = !reasons.isEmpty() && current.status().canMoveTo(TicketStatus.ESCALATED);
            return answer.flatMap(stored -> {
                if (!escalate) {
                    return tickets.find(conn, tenant, ticketId).map(t -> new Outcome(t.orElse(current), stored, false));
                }
                String why = reasons.stream().map(r -> r.trigger() + ": " + r.detail()).collect(Collectors.joining("; "));
                return tickets.move(conn, tenant, ticketId, current.status(), TicketStatus.ESCALATED, reasons)
                        .call(moved -> tickets.recordChange(conn, tenant, Ids.newId(), ticketId, current.status(),
                                TicketStatus.ESCALATED, DESK, null, why, "escalation"))
                        .call(moved -> outbox.enqueueCreate(conn, tenant, ticketId))
                        .map(moved -> new Outcome(moved.orElse(current), stored, true));
            });
        });
    }

    private static Map<String, Object> answerMetadata(KnowledgeAnswer kb, List<EscalationReason> reasons) {
        Map<String, Object> metadata = new LinkedHashMap<>(kb.metadata());
        metadata.put("escalation", reasons.stream().map(r -> Map.of("trigger", r.trigger(), "detail", r.detail())).toList());
        return metadata;
    }

    /** Fire and forget: the escalation is stored; the webhook's outcome is logged and counted. */
    private void announce(String url, UUID tenant, Ticket ticket) {
        JsonArray reasons = new JsonArray();
        if (ticket.escalation() != null) {
            ticket.escalation().reasons().forEach(r -> reasons.add(new JsonObject().put("trigger", r.trigger()).put("detail", r.detail())));
        }
        JsonObject event = new JsonObject().put("event", "ticket.escalated").put("tenant_id", tenant.toString())
                .put("ticket_id", ticket.id().toString()).put("title", ticket.title())
                .put("priority", ticket.priority().name().toLowerCase(java.util.Locale.ROOT)).put("reasons", reasons)
                .put("at", ticket.updatedAt() == null ? null : ticket.updatedAt().toString());
        webhook.send(url, event).subscribe().with(delivered -> {
        }, failure -> {
        });
    }
}
