package dev.agentry.common.grpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.Problem;
import dev.agentry.common.error.ProblemExceptionMappers;
import dev.agentry.common.error.ServiceException;
import dev.agentry.common.error.ValidationException;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.ExceptionHandler;
import io.quarkus.grpc.ExceptionHandlerProvider;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The gRPC twin of {@link ProblemExceptionMappers}: every error a gRPC call ends with is the
 * status code of its HTTP status ({@link #codeOf}), described by the problem's {@code detail}, with
 * the whole problem+json document (field errors and extension members included) in the
 * {@value #PROBLEM_TRAILER} trailer, so a client gets what a REST client gets. 5xx are logged with
 * their stack, 4xx only at debug; no stack trace leaves the service.
 */
@ApplicationScoped
public class GrpcProblems implements ExceptionHandlerProvider {

    private static final Logger LOG = Logger.getLogger(GrpcProblems.class);
    public static final String PROBLEM_TRAILER = "agentry-problem-bin";
    public static final Metadata.Key<byte[]> PROBLEM = Metadata.Key.of(PROBLEM_TRAILER, Metadata.BINARY_BYTE_MARSHALLER);
    public static final Metadata.Key<String> RETRY_AFTER = Metadata.Key.of("retry-after", Metadata.ASCII_STRING_MARSHALLER);

    @Inject
    ObjectMapper json;

    @Override
    public <ReqT, RespT> ExceptionHandler<ReqT, RespT> createHandler(ServerCall.Listener<ReqT> listener, ServerCall<ReqT, RespT> call,
            Metadata metadata) {
        return new ExceptionHandler<>(listener, call, metadata) {
            @Override
            protected void handleException(Throwable failure, ServerCall<ReqT, RespT> serverCall, Metadata headers) {
                close(serverCall, failure);
            }
        };
    }

    /** Ends {@code call} with the status and trailers of {@code failure}. */
    public void close(ServerCall<?, ?> call, Throwable failure) {
        StatusException status = toStatusException(failure);
        call.close(status.getStatus(), status.getTrailers());
    }

    @Override
    public Throwable transform(Throwable failure) {
        return toStatusException(failure);
    }

    /** The status and trailers a failure ends its call with. */
    public StatusException toStatusException(Throwable failure) {
        if (failure instanceof StatusException status) {
            return status;
        }
        if (failure instanceof StatusRuntimeException status) {
            return new StatusException(status.getStatus(), status.getTrailers());
        }
        Problem problem = problemOf(failure);
        if (problem.status() >= 500) {
            LOG.errorf(failure, "gRPC call failed: %s", problem.title());
        } else {
            LOG.debugf("gRPC call refused, %d: %s", problem.status(), problem.detail());
        }
        Metadata trailers = new Metadata();
        try {
            trailers.put(PROBLEM, json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            LOG.warnf("problem of a gRPC call not written: %s", e.toString());
        }
        if (failure instanceof ServiceException service && service.headers().containsKey("Retry-After")) {
            trailers.put(RETRY_AFTER, service.headers().get("Retry-After"));
        }
        return new StatusException(codeOf(problem.status()).toStatus().withDescription(problem.detail()), trailers);
    }

    /** The problem REST would answer for the same failure. */
    static Problem problemOf(Throwable failure) {
        Throwable cause = failure;
        if (cause instanceof ServiceException e) {
            return Problem.of(e.status(), e.code(), e.title(), e.getMessage(), null, e.errors(), e.extensions());
        }
        if (cause instanceof ConstraintViolationException e) {
            List<FieldError> errors = new ArrayList<>();
            for (ConstraintViolation<?> v : e.getConstraintViolations()) {
                errors.add(new FieldError(ProblemExceptionMappers.fieldOf(v.getPropertyPath()), v.getMessage()));
            }
            errors.sort(Comparator.comparing(FieldError::field));
            ValidationException validation = new ValidationException(errors);
            return Problem.of(400, validation.code(), validation.title(), validation.getMessage(), null, errors);
        }
        if (cause instanceof UnauthorizedException || cause instanceof AuthenticationException) {
            return Problem.of(401, "unauthenticated", "Unauthorized", "A valid bearer token is required", null, List.of());
        }
        if (cause instanceof ForbiddenException || cause instanceof SecurityException) {
            return Problem.of(403, "forbidden", "Forbidden", "The caller's roles do not allow this operation", null, List.of());
        }
        return Problem.of(500, "internal", "Internal Server Error", "The server could not complete the request", null, List.of());
    }

    /** The gRPC code of an HTTP status, as Google's API design guide pairs them. */
    public static Status.Code codeOf(int httpStatus) {
        return switch (httpStatus) {
            case 400, 413, 414, 415, 422 -> Status.Code.INVALID_ARGUMENT;
            case 401 -> Status.Code.UNAUTHENTICATED;
            case 403 -> Status.Code.PERMISSION_DENIED;
            case 404, 410 -> Status.Code.NOT_FOUND;
            case 409 -> Status.Code.ABORTED;
            case 412, 428 -> Status.Code.FAILED_PRECONDITION;
            case 429 -> Status.Code.RESOURCE_EXHAUSTED;
            case 499 -> Status.Code.CANCELLED;
            case 501 -> Status.Code.UNIMPLEMENTED;
            case 503 -> Status.Code.UNAVAILABLE;
            case 504 -> Status.Code.DEADLINE_EXCEEDED;
            default -> httpStatus >= 500 ? Status.Code.INTERNAL : Status.Code.UNKNOWN;
        };
    }
}
