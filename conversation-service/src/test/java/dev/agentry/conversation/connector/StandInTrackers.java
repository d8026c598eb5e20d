package dev.agentry.conversation.connector;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Zendesk and Jira stood in for by one local HTTP server speaking the REST shapes the connectors
 * use (Zendesk's tickets and incremental export, Jira's issues, search, transitions and comments),
 * checking basic authentication, keeping what it was sent, and able to fail the next creates
 * ({@link #FAIL_CREATES}) or to make a ticket and then answer 500 as if the answer were lost
 * ({@link #LOSE_CREATE_ANSWERS}).
 */
public class StandInTrackers implements QuarkusTestResourceLifecycleManager {

    public static final String ZENDESK_USER = "agent@example.com";
    public static final String ZENDESK_TOKEN = "zd-secret-token-1234";
    public static final String JIRA_USER = "jira@example.com";
    public static final String JIRA_TOKEN = "jira-secret-token-5678";

    /** Tickets (Zendesk) and issues (Jira) made, by id / key. */
    public static final Map<String, JsonObject> ZENDESK = new ConcurrentHashMap<>();
    public static final Map<String, JsonObject> JIRA = new ConcurrentHashMap<>();
    /** Every write received: method, path, body. */
    public static final List<Map<String, Object>> WRITES = new CopyOnWriteArrayList<>();
    public static final AtomicInteger FAIL_CREATES = new AtomicInteger();
    public static final AtomicInteger LOSE_CREATE_ANSWERS = new AtomicInteger();
    public static final AtomicReference<String> BASE = new AtomicReference<>();
    private static final AtomicInteger NEXT_ID = new AtomicInteger(1000);

    private Vertx vertx;

    public static void reset() {
        ZENDESK.clear();
        JIRA.clear();
        WRITES.clear();
        FAIL_CREATES.set(0);
        LOSE_CREATE_ANSWERS.set(0);
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(StandInTrackers::handle).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            BASE.set("http://127.0.0.1:" + server.actualPort());
        } catch (Exception e) {
            throw new IllegalStateException("stand-in trackers did not start", e);
        }
        return Map.of("agentry.conversation.support.allow-private-hosts", "true");
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }

    private static void handle(HttpServerRequest request) {
        request.body().onSuccess(buffer -> {
            String path = request.path();
            boolean zendesk = path.startsWith("/api/v2/");
            String expected = zendesk ? ZENDESK_USER + "/token:" + ZENDESK_TOKEN : JIRA_USER + ":" + JIRA_TOKEN;
            String auth = "Basic " + Base64.getEncoder().encodeToString(expected.getBytes(StandardCharsets.UTF_8));
            if (!auth.equals(request.getHeader("Authorization"))) {
                reply(request, 401, new JsonObject().put("error", "Couldn't authenticate you"));
                return;
            }
            JsonObject body = buffer.length() == 0 ? new JsonObject() : buffer.toJsonObject();
            if (!request.method().name().equals("GET")) {
                WRITES.add(Map.of("method", request.method().name(), "path", path, "body", body));
            }
            if (zendesk) {
                zendesk(request, path, body);
            } else {
                jira(request, path, body);
            }
        });
    }

    private static void zendesk(HttpServerRequest request, String path, JsonObject body) {
        String method = request.method().name();
        if (method.equals("GET") && path.equals("/api/v2/tickets.json")) {
            String external = request.getParam("external_id");
            JsonArray found = new JsonArray();
            ZENDESK.values().stream().filter(t -> external.equals(t.getString("external_id"))).forEach(found::add);
            reply(request, 200, new JsonObject().put("tickets", found));
        } else if (method.equals("POST") && path.equals("/api/v2/tickets.json")) {
            if (FAIL_CREATES.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                reply(request, 503, new JsonObject().put("error", "try later"));
                return;
            }
            String id = Integer.toString(NEXT_ID.incrementAndGet());
            JsonObject ticket = body.getJsonObject("ticket").copy().put("id", Long.parseLong(id)).put("status", "new")
                    .put("comments", new JsonArray()).put("updated_at", System.currentTimeMillis() / 1000);
            ZENDESK.put(id, ticket);
            if (LOSE_CREATE_ANSWERS.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                reply(request, 500, new JsonObject().put("error", "connection reset"));
                return;
            }
            reply(request, 201, new JsonObject().put("ticket", ticket));
        } else if (method.equals("PUT") && path.startsWith("/api/v2/tickets/")) {
            String id = path.substring("/api/v2/tickets/".length(), path.length() - ".json".length());
            JsonObject ticket = ZENDESK.get(id);
            if (ticket == null) {
                reply(request, 404, new JsonObject().put("error", "RecordNotFound"));
                return;
            }
            JsonObject change = body.getJsonObject("ticket");
            if (change.containsKey("status")) {
                ticket.put("status", change.getString("status"));
            }
            if (change.containsKey("comment")) {
                ticket.getJsonArray("comments").add(change.getJsonObject("comment").getString("body"));
            }
            ticket.put("updated_at", System.currentTimeMillis() / 1000);
            reply(request, 200, new JsonObject().put("ticket", ticket));
        } else if (method.equals("GET") && path.equals("/api/v2/incremental/tickets.json")) {
            long since = Long.parseLong(request.getParam("start_time"));
            JsonArray changed = new JsonArray();
            ZENDESK.values().stream().filter(t -> t.getLong("updated_at") >= since).forEach(changed::add);
            reply(request, 200, new JsonObject().put("tickets", changed).put("end_time", System.currentTimeMillis() / 1000));
        } else {
            reply(request, 404, new JsonObject().put("error", "InvalidEndpoint"));
        }
    }

    private static void jira(HttpServerRequest request, String path, JsonObject body) {
        String method = request.method().name();
        if (method.equals("GET") && path.equals("/rest/api/2/search")) {
            String jql = request.getParam("jql");
            JsonArray found = new JsonArray();
            JIRA.values().stream().filter(i -> jql.contains("\"" + "agentry-" + i.getString("ticket") + "\"")).forEach(found::add);
            reply(request, 200, new JsonObject().put("issues", found));
        } else if (method.equals("POST") && path.equals("/rest/api/2/issue")) {
            String key = "SUP-" + NEXT_ID.incrementAndGet();
            JsonObject fields = body.getJsonObject("fields");
            String label = fields.getJsonArray("labels").getString(1);
            JsonObject issue = new JsonObject().put("id", key.substring(4)).put("key", key)
                    .put("ticket", label.substring("agentry-".length()))
                    .put("fields", fields.copy().put("status", new JsonObject().put("name", "To Do")))
                    .put("comments", new JsonArray());
            JIRA.put(key, issue);
            reply(request, 201, new JsonObject().put("id", issue.getString("id")).put("key", key));
        } else if (path.startsWith("/rest/api/2/issue/") && path.endsWith("/transitions")) {
            String key = path.split("/")[5];
            JsonObject issue = JIRA.get(key);
            if (method.equals("GET")) {
                JsonArray transitions = new JsonArray();
                String[] names = { "To Do", "In Progress", "Waiting for customer", "Done" };
                for (int i = 0; i < names.length; i++) {
                    transitions.add(new JsonObject().put("id", Integer.toString(11 + 10 * i)).put("to", new JsonObject().put("name", names[i])));
                }
                reply(request, 200, new JsonObject().put("transitions", transitions));
            } else {
                String id = body.getJsonObject("transition").getString("id");
                String[] names = { "To Do", "In Progress", "Waiting for customer", "Done" };
                issue.getJsonObject("fields").put("status", new JsonObject().put("name", names[(Integer.parseInt(id) - 11) / 10]));
                request.response().setStatusCode(204).end();
            }
        } else if (method.equals("POST") && path.startsWith("/rest/api/2/issue/") && path.endsWith("/comment")) {
            JIRA.get(path.split("/")[5]).getJsonArray("comments").add(body.getString("body"));
            reply(request, 201, new JsonObject().put("id", "c1"));
        } else {
            reply(request, 404, new JsonObject().put("errorMessages", new JsonArray().add("not found")));
        }
    }

    private static void reply(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
