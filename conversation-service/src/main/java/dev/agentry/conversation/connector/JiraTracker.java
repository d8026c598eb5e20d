package dev.agentry.conversation.connector;

import dev.agentry.conversation.ticket.Ticket;
import dev.agentry.conversation.ticket.TicketStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Jira's REST API (v2, plain-text bodies): an issue is made in the connector's project with the
 * labels {@code agentry} and {@code agentry-<ticket id>} (how a retried create finds it); a status
 * moves through the issue's workflow transition to the mapped status, by name; comments are added;
 * changes are pulled by a JQL search on {@code updated}. Basic authentication as the e-mail with the
 * API token.
 */
@ApplicationScoped
public class JiraTracker implements Tracker {

    private static final DateTimeFormatter JQL_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm").withZone(ZoneOffset.UTC);

    @Inject
    TrackerHttp http;

    @Override
    public ConnectorSystem system() {
        return ConnectorSystem.JIRA;
    }

    @Override
    public Uni<Optional<ExternalTicket>> findMadeFor(Account a, UUID ticketId) {
        return search(a, "labels = \"agentry-" + ticketId + "\"").map(issues -> issues.isEmpty() ? Optional.empty()
                : Optional.of(external(a, issues.getJsonObject(0))));
    }

    @Override
    public Uni<ExternalTicket> create(Account a, Ticket t) {
        JsonObject fields = new JsonObject().put("project", new JsonObject().put("key", a.projectKey()))
                .put("summary", t.title()).put("description", t.description() == null ? "" : t.description())
                .put("issuetype", new JsonObject().put("name", "Task"))
                .put("labels", new JsonArray().add("agentry").add("agentry-" + t.id()));
        return http.post(a.baseUrl() + "/rest/api/2/issue", a.username(), a.credential(), new JsonObject().put("fields", fields))
                .map(json -> external(a, json));
    }

    @Override
    public Uni<Void> setStatus(Account a, String key, TicketStatus status) {
        String target = theirs(status);
        String url = a.baseUrl() + "/rest/api/2/issue/" + key + "/transitions";
        return http.get(url, a.username(), a.credential()).flatMap(json -> {
            for (Object item : json.getJsonArray("transitions", new JsonArray())) {
                JsonObject transition = (JsonObject) item;
                if (target.equalsIgnoreCase(transition.getJsonObject("to", new JsonObject()).getString("name"))) {
                    return http.post(url, a.username(), a.credential(),
                            new JsonObject().put("transition", new JsonObject().put("id", transition.getValue("id")))).replaceWithVoid();
                }
            }
            // The project's workflow has no way to that status from where the issue is: nothing to do.
            return Uni.createFrom().voidItem();
        });
    }

    @Override
    public Uni<Void> comment(Account a, String key, String role, String content) {
        return http.post(a.baseUrl() + "/rest/api/2/issue/" + key + "/comment", a.username(), a.credential(),
                new JsonObject().put("body", "[" + role + "] " + content)).replaceWithVoid();
    }

    @Override
    public Uni<Changes> changesSince(Account a, String cursor) {
        // A minute back from now: JQL compares to the minute, and the overlap re-reads, never skips.
        String next = Instant.now().minusSeconds(60).toString();
        if (cursor == null) {
            return Uni.createFrom().item(new Changes(List.of(), next));
        }
        return search(a, "labels = agentry AND updated >= \"" + JQL_TIME.format(Instant.parse(cursor)) + "\"").map(issues -> {
            List<InboundChange> changes = new ArrayList<>();
            for (Object item : issues) {
                JsonObject issue = (JsonObject) item;
                changes.add(new InboundChange(issue.getString("key"), ours(status(issue)), null));
            }
            return new Changes(changes, next);
        });
    }

    /** A Jira webhook body ({@code jira:issue_updated}, {@code comment_created}): the issue, its status, a comment. */
    @Override
    public Optional<InboundChange> inbound(JsonObject body) {
        JsonObject issue = body.getJsonObject("issue");
        if (issue == null || issue.getString("key") == null) {
            return Optional.empty();
        }
        JsonObject comment = body.getJsonObject("comment");
        return Optional.of(new InboundChange(issue.getString("key"), ours(status(issue)),
                comment == null ? null : comment.getString("body")));
    }

    static String theirs(TicketStatus status) {
        return switch (status) {
            case IN_PROGRESS, ESCALATED -> "In Progress";
            case PENDING_CUSTOMER -> "Waiting for customer";
            case RESOLVED, CLOSED -> "Done";
            default -> "To Do";
        };
    }

    static TicketStatus ours(String status) {
        return status == null ? null : switch (status.toLowerCase(java.util.Locale.ROOT)) {
            case "in progress" -> TicketStatus.IN_PROGRESS;
            case "waiting for customer" -> TicketStatus.PENDING_CUSTOMER;
            case "done" -> TicketStatus.RESOLVED;
            default -> null;
        };
    }

    private Uni<JsonArray> search(Account a, String jql) {
        return http.get(a.baseUrl() + "/rest/api/2/search?fields=status,labels&jql=" + URLEncoder.encode(jql, StandardCharsets.UTF_8),
                a.username(), a.credential()).map(json -> json.getJsonArray("issues", new JsonArray()));
    }

    private static String status(JsonObject issue) {
        return issue.getJsonObject("fields", new JsonObject()).getJsonObject("status", new JsonObject()).getString("name");
    }

    private static ExternalTicket external(Account a, JsonObject issue) {
        String key = issue.getString("key");
        return new ExternalTicket(key, a.baseUrl() + "/browse/" + key);
    }
}
