package dev.agentry.common.audit;

import dev.agentry.common.http.FilterPriorities;
import dev.agentry.common.http.FirstUse;
import dev.agentry.common.tenant.Roles;
import dev.agentry.common.tenant.TenantContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Writes an {@code audit_logs} record (through the audit stream, {@link AuditPublisher}) for every
 * change an administrator makes through any service's API: a POST, PUT, PATCH or DELETE by a caller
 * with the {@code tenant-admin} or {@code platform-admin} role, whatever its outcome. Records say
 * who ({@code actor}: the token subject; {@code actor_id}: the user id when the subject is a user),
 * what ({@code action}: the resource class and what its method did, such as {@code agent.created},
 * {@code tenant.suspended} or {@code tenant.api_key_created}; the resource type, and its id: the
 * path's {@code id}, else the {@code id} of the answer; {@code new_values}: the answer, secrets
 * removed, see {@link AuditValues}), from where (IP address, user agent), and whether it worked ({@code success}, or
 * {@code failure} with the HTTP status).
 *
 * <p>Not recorded: the runtime's own writes ({@code agent-runtime} alone), which turn records and
 * audit events describe at a finer grain and a far higher rate. {@code old_values} are not read
 * here (that would take a read before every change): audit-service fills them from the previous
 * successful record of the same resource, whose {@code new_values} were the state before this one.
 *
 * <p>The record leaves after the answer is written, never delaying it. With Redis down the change
 * stands, the record is lost, the log says so and {@code agentry_audit_log_unpublished_total}
 * counts it (as the plan-limit counter fails open: docs/operations.md).
 */
public class AdminActionLog {

    private static final Logger LOG = Logger.getLogger(AdminActionLog.class);
    static final String UNPUBLISHED_METRIC = "agentry.audit.log.unpublished";
    /** audit_logs.user_agent's limit: a longer value would make the whole record unstorable. */
    private static final int MAX_USER_AGENT = 1000;
    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** POST endpoints that only read (a match or search with a body): nothing changed, nothing to record. */
    private static final Set<String> QUERIES = Set.of("match", "search", "render", "validate", "evaluate", "verify",
            "preview", "check", "test", "compare", "lookup", "find", "count", "export");

    // Filters are built at static init, before runtime configuration: resolve beans per use.
    @Inject
    Instance<AuditPublisher> publisher;

    @Inject
    Instance<AuditStreamConfig> config;

    @Inject
    Instance<MeterRegistry> metrics;

    @Inject
    Instance<ObjectMapper> mapper;

    @Inject
    TenantContext caller;

    private final FirstUse<AuditStreamConfig> settings = FirstUse.of(() -> config);

    @ServerResponseFilter(priority = FilterPriorities.AUDIT)
    public void record(ContainerRequestContext request, ContainerResponseContext response, SimpleResourceInfo resource,
            UriInfo uri, HttpServerRequest http) {
        // No resource class: refused before an endpoint matched (401, 413, 429 at the edge): no
        // change was attempted on anything.
        if (resource == null || resource.getResourceClass() == null || !CHANGES.contains(request.getMethod())
                || QUERIES.contains(verb(resource.getMethodName())) || !settings.get().adminActions()
                || !caller.isResolved() || !(caller.hasRole(Roles.TENANT_ADMIN) || caller.isPlatformAdmin())) {
            return;
        }
        AuditRecord record;
        try {
            record = AuditRecord.of(AuditKind.AUDIT_LOG, caller.tenantId(), entry(request, response, resource, uri, http));
        } catch (RuntimeException e) {
            // The answer is already decided: a record that cannot be built must not turn it into a 500.
            LOG.errorf(e, "audit log of %s %s not built", request.getMethod(), uri.getPath());
            count();
            return;
        }
        publisher.get().publish(record).subscribe().with(ok -> {
        }, failure -> {
            LOG.warnf("audit log %s of tenant %s not published: %s", record.data().get("action"), record.tenantId(),
                    failure.toString());
            count();
        });
    }

    private void count() {
        if (metrics.isResolvable()) {
            metrics.get().counter(UNPUBLISHED_METRIC).increment();
        }
    }

    private Map<String, Object> entry(ContainerRequestContext request, ContainerResponseContext response,
            SimpleResourceInfo resource, UriInfo uri, HttpServerRequest http) {
        Object body = response.getEntity();
        String type = resourceType(resource);
        String subject = caller.subject();
        int status = response.getStatus();

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("actor", subject);
        data.put("actor_id", TenantContext.userIdOf(subject));
        data.put("action", type + "." + action(resource.getMethodName()));
        data.put("resource_type", type);
        Map<String, Object> values = status < 400 ? AuditValues.of(body, mapper.get()) : null;
        data.put("resource_id", resourceId(uri, values));
        data.put("new_values", values);
        data.put("ip_address", http == null || http.remoteAddress() == null ? null : http.remoteAddress().hostAddress());
        data.put("user_agent", truncate(request.getHeaderString("User-Agent"), MAX_USER_AGENT));
        data.put("status", status < 400 ? "success" : "failure");
        data.put("error_message", status < 400 ? null : "HTTP " + status);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("method", request.getMethod());
        metadata.put("path", uri.getPath());
        metadata.put("http_status", status);
        metadata.put("roles", caller.roles().stream().sorted().toList());
        data.put("metadata", metadata);
        return data;
    }

    /**
     * The resource class, as the code names it: {@code AgentResource} is {@code agent},
     * {@code AgentRuleResource} ({@code POST /v1/agents/{id}/rules}) is {@code agent_rule}.
     */
    static String resourceType(SimpleResourceInfo resource) {
        String name = resource.getResourceClass().getSimpleName();
        return snake(name.endsWith("Resource") ? name.substring(0, name.length() - "Resource".length()) : name);
    }

    /** The path's {@code id} (the changed resource), else the {@code id} of what the answer describes. */
    private static String resourceId(UriInfo uri, Map<String, Object> values) {
        String fromPath = uri.getPathParameters().getFirst("id");
        if (fromPath != null) {
            return fromPath;
        }
        Object id = values == null ? null : values.get("id");
        return id == null ? null : id.toString();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** Irregular past tenses among the methods' verbs. */
    private static final Map<String, String> PAST = Map.of("put", "put", "set", "set", "reset", "reset", "run", "ran",
            "write", "written", "feedback", "feedback_given");

    /**
     * The method as what happened: {@code create} is {@code created}, {@code suspend} is
     * {@code suspended}, {@code createApiKey} is {@code api_key_created}.
     */
    static String action(String method) {
        String words = snake(method);
        String verb = verb(method);
        int cut = words.indexOf('_');
        String rest = cut < 0 ? "" : words.substring(cut + 1) + "_";
        String past = PAST.getOrDefault(verb, verb.endsWith("e") ? verb + "d"
                : verb.matches(".*[^aeiou]y") ? verb.substring(0, verb.length() - 1) + "ied" : verb + "ed");
        return rest + past;
    }

    /** The method name's first word: {@code createApiKey} is {@code create}. */
    static String verb(String method) {
        String words = snake(method);
        int cut = words.indexOf('_');
        return cut < 0 ? words : words.substring(0, cut);
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
