package dev.agentry.common.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.StatusException;
import io.quarkus.grpc.auth.AuthExceptionHandler;
import io.quarkus.grpc.auth.AuthExceptionHandlerProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Authentication and authorization failures that Quarkus's gRPC security interceptor meets before
 * the service method (a missing, forged or expired token): answered as {@link GrpcProblems}
 * answers the rest, {@code UNAUTHENTICATED} or {@code PERMISSION_DENIED} with the problem trailer,
 * instead of the default's bare status.
 */
@ApplicationScoped
public class GrpcAuthProblems implements AuthExceptionHandlerProvider {

    @Inject
    GrpcProblems problems;

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1;
    }

    @Override
    public <ReqT, RespT> AuthExceptionHandler<ReqT, RespT> createHandler(ServerCall.Listener<ReqT> listener, ServerCall<ReqT, RespT> call,
            Metadata metadata) {
        return new AuthExceptionHandler<>(listener, call, metadata) {
            @Override
            protected void handleException(Throwable failure, ServerCall<ReqT, RespT> serverCall, Metadata headers) {
                problems.close(serverCall, failure);
            }
        };
    }

    @Override
    public StatusException transformToStatusException(Throwable failure) {
        return problems.toStatusException(failure);
    }

    @Override
    public boolean handlesException(Throwable failure) {
        return failure instanceof io.quarkus.security.AuthenticationException || failure instanceof SecurityException;
    }
}
