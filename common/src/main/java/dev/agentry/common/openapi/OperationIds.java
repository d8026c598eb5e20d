package dev.agentry.common.openapi;

import io.smallrye.openapi.api.OperationIdGenerator;
import java.util.Locale;
import java.util.Set;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;

/**
 * Stable {@code operationId}s from the resource class and method, so that a generated client has
 * readable method names that do not change when code moves: {@code EntityResource.get} is
 * {@code getEntity}, {@code RuleResource.match} is {@code matchRules}, {@code list} is
 * {@code listEntities}, {@code ScenarioResource.listVersions} is {@code listScenarioVersions}, and a
 * method that is not a verb ({@code EntityResource.neighbours}) reads {@code getEntityNeighbours}.
 * Configured for every service in common's {@code microprofile-config.properties}
 * ({@code mp.openapi.extensions.smallrye.operationIdStrategy}); a duplicate fails the build.
 */
public class OperationIds implements OperationIdGenerator {

    /** Verbs whose object is naturally plural ({@code listAgents}, {@code searchEpisodes}). */
    private static final Set<String> PLURAL_VERBS = Set.of("list", "search", "match", "count", "export", "bulk", "ingest");

    /** First words that already are a verb; anything else is read as a sub-resource to get. */
    private static final Set<String> VERBS = Set.of("get", "list", "create", "update", "patch", "delete", "search", "match",
            "resolve", "render", "validate", "replace", "put", "set", "add", "remove", "merge", "erase", "revoke", "rotate",
            "exchange", "apply", "approve", "deploy", "reject", "run", "ingest", "upload", "activate", "archive", "publish",
            "reserve", "adjust", "end", "verify", "export", "import", "evaluate", "lookup", "restore", "start", "stop",
            "cancel", "retry", "record", "count", "bulk", "close", "reopen", "assign", "escalate", "rollback", "invalidate",
            "refresh", "reindex", "feedback", "submit", "issue", "login", "mint", "find", "check", "test", "preview",
            "compare", "plan", "sync", "ack", "append", "move", "transition", "reset", "enable", "disable", "clear", "touch",
            "write", "retract", "unmerge", "split", "rename", "suspend", "generate", "resume", "expire", "extend", "grant", "deny", "attach", "detach", "fill");

    private static final DotName POST = DotName.createSimple("jakarta.ws.rs.POST");
    private static final DotName PUT = DotName.createSimple("jakarta.ws.rs.PUT");
    private static final DotName DELETE = DotName.createSimple("jakarta.ws.rs.DELETE");

    @Override
    public String generateOperationId(ClassInfo resource, MethodInfo method) {
        String verb = method.hasDeclaredAnnotation(POST) ? "create" : method.hasDeclaredAnnotation(PUT) ? "put"
                : method.hasDeclaredAnnotation(DELETE) ? "delete" : "get";
        return of(resource.simpleName(), method.name(), verb);
    }

    /** The operationId of {@code methodName} on the resource class {@code className}, read with GET. */
    public static String of(String className, String methodName) {
        return of(className, methodName, "get");
    }

    /**
     * The operationId of {@code methodName} on {@code className}; {@code httpVerb} (get, create,
     * put, delete) stands before a method name that is not itself a verb.
     */
    public static String of(String className, String methodName, String httpVerb) {
        String stem = className.endsWith("Resource") ? className.substring(0, className.length() - "Resource".length())
                : className;
        if (stem.isEmpty()) {
            return methodName;
        }
        String verb = firstWord(methodName);
        String rest = methodName.substring(verb.length());
        if (!VERBS.contains(verb)) {
            // "neighbours", "history", "jwks": a sub-resource of the stem ("token" with POST: createAuthToken).
            return httpVerb + stem + capitalise(methodName);
        }
        if (rest.isEmpty()) {
            return verb + (PLURAL_VERBS.contains(verb) ? plural(stem) : stem);
        }
        // "createKey" on ApiKey: the rest is already the stem's tail; "listVersions" on Scenario: a sub-resource.
        if (stem.endsWith(rest) || stem.endsWith(singular(rest))) {
            return verb + (rest.endsWith("s") && !stem.endsWith("s") ? plural(stem) : stem);
        }
        if (rest.startsWith(stem)) {
            return methodName;
        }
        return verb + stem + rest;
    }

    private static String firstWord(String name) {
        for (int i = 1; i < name.length(); i++) {
            if (Character.isUpperCase(name.charAt(i))) {
                return name.substring(0, i);
            }
        }
        return name;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    static String plural(String noun) {
        if (noun.endsWith("y") && noun.length() > 1 && "aeiou".indexOf(noun.charAt(noun.length() - 2)) < 0) {
            return noun.substring(0, noun.length() - 1) + "ies";
        }
        if (noun.endsWith("s") || noun.endsWith("x") || noun.endsWith("ch") || noun.endsWith("sh")) {
            return noun + "es";
        }
        return noun + "s";
    }

    private static String singular(String noun) {
        if (noun.endsWith("ies")) {
            return noun.substring(0, noun.length() - 3) + "y";
        }
        return noun.endsWith("s") ? noun.substring(0, noun.length() - 1) : noun;
    }
}
