package dev.agentry.common.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become HTTP answers: every error is RFC 9457 problem+json.
 * 5xx are logged as errors with their stack; 4xx only at debug, since they are the caller's.
 * Bad input never becomes a 500 and never leaks a stack trace.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    @ServerExceptionMapper
    public Response serviceException(ServiceException e, UriInfo uri) {
        Response response = answer(Problem.of(e.status(), e.code(), e.title(), e.getMessage(), path(uri), e.errors(), e.extensions()), e);
        if (e.headers().isEmpty()) {
            return response;
        }
        Response.ResponseBuilder builder = Response.fromResponse(response);
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        boolean returnValue = e.getConstraintViolations().stream()
                .anyMatch(v -> lastKind(v.getPropertyPath()) == ElementKind.RETURN_VALUE);
        if (returnValue) {
            return serverError(e, uri);
        }
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new FieldError(fieldOf(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        ValidationException validation = new ValidationException(errors);
        return answer(Problem.of(400, validation.code(), validation.title(), validation.getMessage(), path(uri), errors), e);
    }

    @ServerExceptionMapper
    public Response unrecognizedProperty(UnrecognizedPropertyException e, UriInfo uri) {
        return badJson(e, uri, "unknown field");
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return badJson(e, uri, "expected " + simpleType(e.getTargetType()));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String reason = e.getTargetType() == null ? "wrong type" : "expected " + simpleType(e.getTargetType());
        return badJson(e, uri, reason);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, UriInfo uri) {
        // Usually a record constructor refusing a value (e.g. an unknown enum constant wrapped).
        Throwable cause = e.getCause();
        if (cause instanceof ServiceException se) {
            return serviceException(se, uri);
        }
        String reason = cause != null && cause.getMessage() != null ? cause.getMessage() : "invalid value";
        return badJson(e, uri, reason);
    }

    @ServerExceptionMapper
    public Response jsonParse(JsonParseException e, UriInfo uri) {
        return answer(Problem.of(400, "malformed-json", "Malformed JSON",
                "The request body is not valid JSON: " + e.getOriginalMessage(), path(uri), List.of()), e);
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e, UriInfo uri) {
        return answer(Problem.of(400, "malformed-json", "Malformed JSON",
                "The request body could not be read as JSON", path(uri), List.of()), e);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(e, uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(e, uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return answer(Problem.of(403, "forbidden", "Forbidden",
                "The caller's roles do not allow this operation", path(uri), List.of()), e);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        // JAX-RS wraps a parameter converter's refusal in a 404, and the JSON reader wraps what
        // Jackson refused in a 400: answer with the cause, which names the field.
        if (e.getCause() instanceof ServiceException cause) {
            return serviceException(cause, uri);
        }
        if (e.getCause() instanceof JsonParseException parse) {
            return jsonParse(parse, uri);
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return jsonMapping(mapping, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return serverError(e, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        String code = title.toLowerCase().replace(' ', '-');
        return answer(Problem.of(status, code, title, e.getMessage(), path(uri), List.of()), e);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        return serverError(e, uri);
    }

    private Response unauthenticated(Exception e, UriInfo uri) {
        Response response = answer(Problem.of(401, "unauthenticated", "Unauthorized",
                "A valid bearer token is required", path(uri), List.of()), e);
        return Response.fromResponse(response).header("WWW-Authenticate", "Bearer").build();
    }

    private Response serverError(Throwable e, UriInfo uri) {
        return answer(Problem.of(500, "internal", "Internal Server Error",
                "The server could not complete the request", path(uri), List.of()), e);
    }

    private Response badJson(JsonMappingException e, UriInfo uri, String reason) {
        String field = jsonPath(e.getPath());
        List<FieldError> errors = List.of(new FieldError(field.isEmpty() ? "$" : field, reason));
        ValidationException validation = new ValidationException(errors);
        return answer(Problem.of(400, validation.code(), validation.title(), validation.getMessage(), path(uri), errors), e);
    }

    private static Response answer(Problem problem, Throwable cause) {
        if (problem.status() >= 500) {
            LOG.errorf(cause, "%s %s failed", problem.instance(), problem.title());
        } else {
            LOG.debugf("%d %s: %s", problem.status(), problem.instance(), problem.detail());
        }
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    /** {@code items[2].unit_price} from Jackson's reference chain (names are already JSON names). */
    static String jsonPath(List<JsonMappingException.Reference> references) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /**
     * A violation path such as {@code create.body.limits.maxAgents} becomes {@code limits.max_agents}:
     * the method and the body parameter are dropped, a query or path parameter keeps its name.
     */
    public static String fieldOf(Path path) {
        List<String> parts = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            // An iterable node's index (or map key) says where it sits in the PREVIOUS node's container.
            if (node.isInIterable() && !parts.isEmpty()) {
                String container = parts.remove(parts.size() - 1);
                parts.add(node.getIndex() != null ? container + "[" + node.getIndex() + "]"
                        : node.getKey() != null ? container + "." + node.getKey() : container);
            }
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER, CONTAINER_ELEMENT -> {
                }
                case PARAMETER -> {
                    parameter = node.getName();
                    parts.add(parameter);
                }
                default -> {
                    if (node.getName() != null && !node.getName().isEmpty()) {
                        parts.add(SNAKE.translate(node.getName()));
                    }
                }
            }
        }
        // A bean's own properties stand alone: the body parameter's name says nothing to a caller.
        if (parameter != null && parts.size() > 1 && parts.get(0).equals(parameter)) {
            parts.remove(0);
        }
        return parts.isEmpty() ? "$" : String.join(".", parts);
    }

    private static ElementKind lastKind(Path path) {
        ElementKind kind = null;
        for (Path.Node node : path) {
            kind = node.getKind();
        }
        return kind;
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : type.getEnumConstants()) {
                names.add(c.toString().toLowerCase(java.util.Locale.ROOT));
            }
            return "one of " + names;
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        return "an object";
    }
}
