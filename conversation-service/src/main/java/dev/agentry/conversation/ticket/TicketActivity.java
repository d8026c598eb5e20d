package dev.agentry.conversation.ticket;

import dev.agentry.conversation.support.EscalationReason;
import java.util.List;

/**
 * What a new ticket or a new message led to: the ticket as it now is, the message stored (null for
 * a new ticket), the AI's answer (null when none was written), the escalation triggers that fired
 * (empty when none), and the dependencies that could not be asked ({@code memory}: no answer was
 * attempted; the ticket and the message are stored all the same).
 */
public record TicketActivity(Ticket ticket, TicketMessage message, TicketMessage answer, List<EscalationReason> escalation,
        List<String> degraded) {
}
