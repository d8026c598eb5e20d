package dev.agentry.conversation.connector;

import dev.agentry.conversation.ticket.Ticket;
import dev.agentry.conversation.ticket.TicketStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One external tracker's REST API, as the sync needs it. A call that does not answer 2xx fails
 * with {@link TrackerException}; the worker retries it with a backoff.
 */
public interface Tracker {

    /** Where and as whom to call: the connector, its credential opened. */
    record Account(String baseUrl, String username, String credential, String projectKey) {
    }

    /** A ticket in the external system: its id and where a person finds it. */
    record ExternalTicket(String id, String url) {
    }

    /** A change made in the external system: its ticket, the status it maps to here (null: none), a comment. */
    record InboundChange(String externalId, TicketStatus status, String comment) {
    }

    /** What a pull found, and where the next pull starts. */
    record Changes(List<InboundChange> changes, String nextCursor) {
    }

    ConnectorSystem system();

    /**
     * The external ticket made for ours by an earlier attempt (each carries our ticket id), so a
     * create retried after a lost answer finds it instead of making a second one.
     */
    Uni<Optional<ExternalTicket>> findMadeFor(Account account, UUID ticketId);

    Uni<ExternalTicket> create(Account account, Ticket ticket);

    Uni<Void> setStatus(Account account, String externalId, TicketStatus status);

    Uni<Void> comment(Account account, String externalId, String role, String content);

    /** Changes since {@code cursor} (null: since now, which only sets the cursor). */
    Uni<Changes> changesSince(Account account, String cursor);

    /** What an inbound webhook body says, when it is one of this system's. */
    Optional<InboundChange> inbound(JsonObject body);
}
