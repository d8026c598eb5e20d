package dev.agentry.conversation.connector;

import dev.agentry.conversation.ticket.Ticket;
import dev.agentry.conversation.ticket.TicketPriority;
import dev.agentry.conversation.ticket.TicketStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Zendesk's Tickets API (v2): a ticket is made with our ticket id as its {@code external_id}, which
 * is how a retried create finds the one an earlier attempt made; statuses map open/pending/solved/
 * closed; comments are public; changes are pulled from the incremental tickets export. Basic
 * authentication as {@code <email>/token} with the API token.
 */
@ApplicationScoped
public class ZendeskTracker implements Tracker {

    @Inject
    TrackerHttp http;

    @Override
    public ConnectorSystem system() {
        return ConnectorSystem.ZENDESK;
    }

    @Override
    public Uni<Optional<ExternalTicket>> findMadeFor(Account a, UUID ticketId) {
        return http.get(a.baseUrl() + "/api/v2/tickets.json?external_id=" + ticketId, user(a), a.credential())
                .map(json -> {
                    JsonArray tickets = json.getJsonArray("tickets", new JsonArray());
                    return tickets.isEmpty() ? Optional.empty() : Optional.of(external(a, tickets.getJsonObject(0)));
                });
    }

    @Override
    public Uni<ExternalTicket> create(Account a, Ticket t) {
        JsonObject ticket = new JsonObject().put("subject", t.title()).put("external_id", t.id().toString())
                .put("priority", priority(t.priority())).put("tags", new JsonArray().add("agentry"))
                .put("comment", new JsonObject().put("body", t.description() == null || t.description().isBlank() ? t.title()
                        : t.description()));
        return http.post(a.baseUrl() + "/api/v2/tickets.json", user(a), a.credential(), new JsonObject().put("ticket", ticket))
                .map(json -> external(a, json.getJsonObject("ticket", new JsonObject())));
    }

    @Override
    public Uni<Void> setStatus(Account a, String externalId, TicketStatus status) {
        return http.put(a.baseUrl() + "/api/v2/tickets/" + externalId + ".json", user(a), a.credential(),
                new JsonObject().put("ticket", new JsonObject().put("status", theirs(status)))).replaceWithVoid();
    }

    @Override
    public Uni<Void> comment(Account a, String externalId, String role, String content) {
        return http.put(a.baseUrl() + "/api/v2/tickets/" + externalId + ".json", user(a), a.credential(),
                new JsonObject().put("ticket", new JsonObject().put("comment", new JsonObject().put("body", "[" + role + "] " + content)
                        .put("public", true)))).replaceWithVoid();
    }

    @Override
    public Uni<Changes> changesSince(Account a, String cursor) {
        if (cursor == null) {
            return Uni.createFrom().item(new Changes(List.of(), Long.toString(Instant.now().getEpochSecond())));
        }
        return http.get(a.baseUrl() + "/api/v2/incremental/tickets.json?start_time=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8),
                user(a), a.credential()).map(json -> {
                    List<InboundChange> changes = new ArrayList<>();
                    for (Object item : json.getJsonArray("tickets", new JsonArray())) {
                        JsonObject ticket = (JsonObject) item;
                        changes.add(new InboundChange(String.valueOf(ticket.getValue("id")), ours(ticket.getString("status")), null));
                    }
                    Object end = json.getValue("end_time");
                    return new Changes(changes, end == null ? cursor : String.valueOf(end));
                });
    }

    /** A Zendesk trigger or webhook body: {@code {"ticket": {"id", "status"}, "comment": "..."}}. */
    @Override
    public Optional<InboundChange> inbound(JsonObject body) {
        JsonObject ticket = body.getJsonObject("ticket");
        if (ticket == null || ticket.getValue("id") == null) {
            return Optional.empty();
        }
        return Optional.of(new InboundChange(String.valueOf(ticket.getValue("id")), ours(ticket.getString("status")),
                body.getString("comment")));
    }

    static String theirs(TicketStatus status) {
        return switch (status) {
            case PENDING_CUSTOMER -> "pending";
            case RESOLVED -> "solved";
            case CLOSED -> "closed";
            default -> "open";
        };
    }

    /** Zendesk's status here; {@code new}, {@code open} and {@code hold} say nothing a ticket here could move to. */
    static TicketStatus ours(String status) {
        return status == null ? null : switch (status) {
            case "pending" -> TicketStatus.PENDING_CUSTOMER;
            case "solved" -> TicketStatus.RESOLVED;
            case "closed" -> TicketStatus.CLOSED;
            default -> null;
        };
    }

    private static String priority(TicketPriority p) {
        return p == TicketPriority.MEDIUM ? "normal" : p.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String user(Account a) {
        return a.username() + "/token";
    }

    private static ExternalTicket external(Account a, JsonObject ticket) {
        String id = String.valueOf(ticket.getValue("id"));
        return new ExternalTicket(id, a.baseUrl() + "/agent/tickets/" + id);
    }
}
