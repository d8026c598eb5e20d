package dev.agentry.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Holds every answer the tests receive to the service's own OpenAPI document, so the document
 * cannot drift from the code again: the operation must be documented, the status must be one of
 * its documented responses, and a JSON body must validate against that response's schema (JSON
 * Schema 2020-12, as OpenAPI 3.1 writes it). A mismatch fails the request that showed it. Installed
 * for every {@code *ResourceTest} by {@link TwoTenantTest}; {@code /q/*} endpoints are not checked.
 */
public final class OpenApiResponseValidator implements Filter {

    private static final OpenApiResponseValidator INSTANCE = new OpenApiResponseValidator();
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * JSON Schema 2020-12, knowing {@code components} as a keyword that validates nothing: each
     * response schema is compiled with the document's components beside it (where its references
     * point), and the validator would otherwise warn of an unknown keyword on every compile.
     */
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            factory -> factory.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                    .keyword(new NonValidationKeyword("components")).build()));
    private static final Set<Integer> UNROUTED = Set.of(404, 405);

    private final Map<String, JsonNode> documents = new ConcurrentHashMap<>();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    private OpenApiResponseValidator() {
    }

    /** Adds the validator to REST Assured's global filters once. */
    public static void install() {
        if (!RestAssured.filters().contains(INSTANCE)) {
            RestAssured.filters(INSTANCE);
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification spec, FilterContext ctx) {
        Response response = ctx.next(request, spec);
        URI uri = URI.create(request.getURI());
        if (uri.getPath().startsWith("/q/")) {
            return response;
        }
        check(uri, request.getMethod().toLowerCase(Locale.ROOT), response);
        return response;
    }

    private void check(URI uri, String method, Response response) {
        String origin = uri.getScheme() + "://" + uri.getAuthority();
        JsonNode document = documents.computeIfAbsent(origin, OpenApiResponseValidator::fetch);
        String template = operationPath(document.path("paths"), uri.getPath(), method);
        String where = method.toUpperCase(Locale.ROOT) + " " + uri.getPath();
        if (template == null) {
            if (UNROUTED.contains(response.statusCode())) {
                return;
            }
            throw new AssertionError(where + " answered " + response.statusCode() + " but the OpenAPI document has no such operation");
        }
        JsonNode responses = document.path("paths").path(template).path(method).path("responses");
        String status = Integer.toString(response.statusCode());
        JsonNode documented = responses.has(status) ? responses.get(status) : responses.get("default");
        if (documented == null) {
            throw new AssertionError(where + " (" + template + ") answered " + status + ", which the OpenAPI document does not list ("
                    + iterable(responses.fieldNames()) + ")");
        }
        String body = response.asString();
        if (body == null || body.isEmpty()) {
            return;
        }
        String contentType = response.contentType() == null ? "" : response.contentType().split(";")[0].trim();
        if (!contentType.equals("application/json") && !contentType.endsWith("+json")) {
            return; // not one JSON document (NDJSON, text, files): nothing to validate as a whole
        }
        JsonNode schema = documented.path("content").path(contentType).path("schema");
        if (schema.isMissingNode()) {
            throw new AssertionError(where + " answered " + status + " with a " + contentType
                    + " body, but the OpenAPI document declares no " + contentType + " content for it");
        }
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(where + " answered a body that is not JSON: " + body, e);
        }
        // One compiled validator per distinct schema (most answers name a component, and every error
        // the same Problem), not per operation and status: compiled schemas are not small.
        String key = origin + " " + schema;
        JsonSchema validator = compiled.computeIfAbsent(key, k -> SCHEMAS.getSchema(rooted(schema, document)));
        Set<ValidationMessage> errors = validator.validate(value);
        if (!errors.isEmpty()) {
            throw new AssertionError(where + " answered " + status + " with a body that does not match the OpenAPI document: "
                    + errors.stream().map(ValidationMessage::getMessage).collect(Collectors.joining("; ")) + "\nbody: "
                    + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body));
        }
    }

    /** The response schema as a document of its own, with the components its references point into. */
    private static JsonNode rooted(JsonNode schema, JsonNode document) {
        ObjectNode root = schema.isObject() ? ((ObjectNode) schema).deepCopy() : JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", document.path("components"));
        return root;
    }

    /** The documented path template that serves {@code path} with {@code method}; literal segments win. */
    private static String operationPath(JsonNode paths, String path, String method) {
        String best = null;
        int bestParams = Integer.MAX_VALUE;
        for (Iterator<String> it = paths.fieldNames(); it.hasNext();) {
            String template = it.next();
            if (!paths.get(template).has(method)) {
                continue;
            }
            String regex = "^" + Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q") + "/?$";
            if (Pattern.matches(regex, path)) {
                int params = template.length() - template.replace("{", "").length();
                if (params < bestParams) {
                    best = template;
                    bestParams = params;
                }
            }
        }
        return best;
    }

    private static JsonNode fetch(String origin) {
        try {
            // HTTP/1.1: java.net.http's default is to ask for an h2c upgrade, and one such upgrade of
            // this GET failed in CI once the HTTP server also served gRPC (the client read the
            // HTTP/1.1 answer as HTTP/2 frames: "Frame type(112) ... exceeds MAX_FRAME_SIZE").
            HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(URI.create(origin + "/q/openapi?format=json")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("GET /q/openapi answered " + answer.statusCode());
            }
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the OpenAPI document of " + origin, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String iterable(Iterator<String> names) {
        StringBuilder out = new StringBuilder();
        names.forEachRemaining(n -> out.append(out.length() == 0 ? "" : ", ").append(n));
        return out.toString();
    }
}
