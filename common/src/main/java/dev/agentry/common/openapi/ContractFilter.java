package dev.agentry.common.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * Makes every service's OpenAPI document say what the wire does, in one place (registered for
 * every service by {@code mp.openapi.filter} in common's {@code microprofile-config.properties}):
 * <ul>
 * <li>enum values in lower case, as {@code JsonConventions} writes and reads them;</li>
 * <li>one {@code Problem} schema, and the problem+json answers each operation can give (400, 401,
 * 404, 429 always; 403 when it needs a token; 409 unless it only reads; 413 and 415 when it takes a
 * body; 428 when it takes {@code If-Match});</li>
 * <li>the bearer-JWT requirement on every operation but the few public ones
 * ({@link #PUBLIC_PATHS}, and operations marked with {@link #PUBLIC_EXTENSION});</li>
 * <li>a relative server, so a client is pointed at whichever host serves the document.</li>
 * </ul>
 * Property names are snake_case through {@code mp.openapi.extensions.smallrye.property-naming-strategy},
 * and operationIds come from {@link OperationIds}.
 */
public class ContractFilter implements OASFilter {

    /** The security scheme Quarkus declares for {@code quarkus.smallrye-openapi.security-scheme=jwt}. */
    public static final String SECURITY_SCHEME = "SecurityScheme";

    /** Operations that take no token: the token exchange itself and the public keys. */
    static final List<String> PUBLIC_PATHS = List.of("/v1/auth/token", "/v1/auth/jwks");

    /**
     * An operation that takes no Agentry token and proves its caller otherwise (an inbound webhook
     * with a shared secret) says so with {@code @Extension(name = PUBLIC_EXTENSION, value = "true")}.
     */
    public static final String PUBLIC_EXTENSION = "x-agentry-public";

    private static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Map<String, String> ERRORS = new LinkedHashMap<>();

    static {
        ERRORS.put("400", "Bad request: malformed JSON, a wrong type, an unknown field or a failed check (field errors listed)");
        ERRORS.put("401", "No valid bearer token");
        ERRORS.put("403", "The token's roles do not allow this, or a plan limit (type plan-limit) is reached");
        ERRORS.put("404", "No such resource for this tenant");
        ERRORS.put("409", "Conflict with the current state (a duplicate, a stale version, a replay in flight)");
        ERRORS.put("413", "Body larger than the service's limit");
        ERRORS.put("415", "Body is not application/json");
        ERRORS.put("429", "The tenant's daily request or monthly token limit is reached (see Retry-After)");
    }

    @Override
    public Schema filterSchema(Schema schema) {
        nullableUnlessRequired(schema);
        if (schema.getEnumeration() != null && !schema.getEnumeration().isEmpty()) {
            List<Object> lower = new ArrayList<>();
            for (Object value : schema.getEnumeration()) {
                lower.add(value instanceof String s ? s.toLowerCase(Locale.ROOT) : value);
            }
            schema.setEnumeration(lower);
        }
        return schema;
    }

    /**
     * The JSON writes absent values as {@code null} (a record's empty component): a property that is
     * not required may be null, and the document says so ({@code type: [x, "null"]}, or
     * {@code anyOf} with a reference), else a strict client refuses a correct answer.
     */
    private static void nullableUnlessRequired(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        Map<String, Schema> properties = new LinkedHashMap<>(schema.getProperties());
        properties.forEach((name, property) -> {
            if (required.contains(name) || property == null) {
                return;
            }
            if (property.getRef() != null) {
                properties.put(name, OASFactory.createSchema().anyOf(List.of(OASFactory.createSchema().ref(property.getRef()),
                        OASFactory.createSchema().addType(Schema.SchemaType.NULL))));
            } else if (property.getType() != null && !property.getType().isEmpty()
                    && !property.getType().contains(Schema.SchemaType.NULL)) {
                property.addType(Schema.SchemaType.NULL);
            }
        });
        schema.setProperties(properties);
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(PROBLEM, problemSchema());
        openAPI.setServers(List.of(OASFactory.createServer().url("/")
                .description("The service that serves this document (its host and port)")));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, op) -> {
            boolean secured = PUBLIC_PATHS.stream().noneMatch(path::equals)
                    && (op.getExtensions() == null || !op.getExtensions().containsKey(PUBLIC_EXTENSION));
            boolean hasBody = op.getRequestBody() != null;
            if (secured && (op.getSecurity() == null || op.getSecurity().isEmpty())) {
                op.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(SECURITY_SCHEME)));
            }
            if (!secured) {
                op.setSecurity(List.<SecurityRequirement>of());
            }
            addErrors(op, method, secured, hasBody);
            nameInlineForms(openAPI, op);
            if (takesIfMatch(op)) {
                addProblem(op.getResponses(), "428", "If-Match is required: send the version you read (its ETag)");
            }
        }));
    }

    /**
     * A multipart form's schema is inline where Quarkus writes it (built from the {@code @RestForm}
     * parameters); generated clients need a model for it, and openapi-generator names but does not
     * write one for an inline form beside other content types. So each becomes a named component,
     * {@code <OperationId>Form}.
     */
    private static void nameInlineForms(OpenAPI openAPI, Operation op) {
        if (op.getRequestBody() == null || op.getRequestBody().getContent() == null || op.getOperationId() == null) {
            return;
        }
        var form = op.getRequestBody().getContent().getMediaType("multipart/form-data");
        if (form == null || form.getSchema() == null || form.getSchema().getRef() != null) {
            return;
        }
        String id = op.getOperationId();
        String name = Character.toUpperCase(id.charAt(0)) + id.substring(1) + "Form";
        openAPI.getComponents().addSchema(name, form.getSchema());
        form.setSchema(OASFactory.createSchema().ref(name));
    }

    private static void addErrors(Operation op, PathItem.HttpMethod method, boolean secured, boolean hasBody) {
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = op.getResponses();
        ERRORS.forEach((code, description) -> {
            boolean applies = switch (code) {
                case "403" -> secured;
                case "409" -> method != PathItem.HttpMethod.GET;
                case "413", "415" -> hasBody;
                // 401 also on the public token exchange: a wrong credential is refused with it.
                default -> true;
            };
            if (!applies) {
                return;
            }
            var problem = OASFactory.createContent().addMediaType(PROBLEM_JSON, OASFactory.createMediaType()
                    .schema(OASFactory.createSchema().ref("#/components/schemas/" + PROBLEM)));
            var existing = responses.getAPIResponses() == null ? null : responses.getAPIResponses().get(code);
            if (existing == null) {
                responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description).content(problem));
            } else if (existing.getContent() == null || existing.getContent().getMediaTypes() == null
                    || existing.getContent().getMediaTypes().isEmpty()) {
                // Quarkus declares 400/401/403 itself, without a body: every error has one.
                existing.description(description).content(problem);
            }
        });
    }

    private static boolean takesIfMatch(Operation op) {
        return op.getParameters() != null && op.getParameters().stream()
                .anyMatch(p -> p.getIn() == org.eclipse.microprofile.openapi.models.parameters.Parameter.In.HEADER
                        && "If-Match".equalsIgnoreCase(p.getName()));
    }

    private static void addProblem(APIResponses responses, String code, String description) {
        if (responses.getAPIResponses() == null || !responses.getAPIResponses().containsKey(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description)
                    .content(OASFactory.createContent().addMediaType(PROBLEM_JSON, OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref("#/components/schemas/" + PROBLEM)))));
        }
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The field, as a JSON path of the body (items[2].name) or the parameter's name"))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .required(List.of("field", "message"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem document (application/problem+json), the body of every error. "
                        + "A problem may carry extension members beside these (RFC 9457 section 3.2), named in snake_case, "
                        + "e.g. available on an insufficient-stock 409; a client ignores those it does not know")
                .additionalPropertiesBoolean(Boolean.TRUE)
                .addProperty("type", string.description("A URI naming the kind of problem, e.g. https://agentry.dev/problems/plan-limit"))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError))
                .required(List.of("type", "title", "status"));
    }
}
