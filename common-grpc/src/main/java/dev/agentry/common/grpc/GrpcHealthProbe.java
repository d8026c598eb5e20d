package dev.agentry.common.grpc;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One call to a channel's {@code grpc.health.v1.Health/Check} (the whole server), as a {@link Uni}.
 * Used to warm a gRPC path before anyone waits on it: the call connects the channel and runs both
 * sides' first gRPC call (HTTP/2, the server's interceptors, protobuf).
 */
public final class GrpcHealthProbe {

    private GrpcHealthProbe() {
    }

    /**
     * The server's status, or a failure once {@code deadline} has passed. With {@code waitForReady}
     * the call waits (within the deadline) for a channel that cannot connect yet instead of failing
     * at once: for a port that is about to listen.
     */
    public static Uni<ServingStatus> check(Channel channel, Duration deadline, boolean waitForReady) {
        return Uni.createFrom().emitter(emitter -> {
            HealthGrpc.HealthStub stub = HealthGrpc.newStub(channel).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
            (waitForReady ? stub.withWaitForReady() : stub).check(HealthCheckRequest.getDefaultInstance(), new StreamObserver<>() {
                @Override
                public void onNext(HealthCheckResponse response) {
                    emitter.complete(response.getStatus());
                }

                @Override
                public void onError(Throwable failure) {
                    emitter.fail(failure);
                }

                @Override
                public void onCompleted() {
                    // Check is unary: onNext has completed the Uni, or onError failed it.
                }
            });
        });
    }
}
