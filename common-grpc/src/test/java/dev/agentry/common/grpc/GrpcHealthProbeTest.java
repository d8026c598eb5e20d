package dev.agentry.common.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link GrpcHealthProbe} against a real gRPC server on a local port. */
class GrpcHealthProbeTest {

    private final List<Server> servers = new ArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        for (Server server : servers) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theServersStatusIsTheItem() throws IOException {
        int port = serve(freePort(), ServingStatus.SERVING);
        assertEquals(ServingStatus.SERVING, GrpcHealthProbe.check(channel(port), Duration.ofSeconds(5), false).await().indefinitely());

        int other = serve(freePort(), ServingStatus.NOT_SERVING);
        assertEquals(ServingStatus.NOT_SERVING, GrpcHealthProbe.check(channel(other), Duration.ofSeconds(5), false).await().indefinitely());
    }

    @Test
    void noServerFailsAtOnceWithoutWaitForReady() throws IOException {
        ManagedChannel nobody = channel(freePort());
        StatusRuntimeException failure = assertInstanceOf(StatusRuntimeException.class, assertThrows(RuntimeException.class,
                () -> GrpcHealthProbe.check(nobody, Duration.ofSeconds(30), false).await().atMost(Duration.ofSeconds(10))));
        assertEquals(Status.Code.UNAVAILABLE, failure.getStatus().getCode());
    }

    @Test
    void waitForReadyWaitsForAPortThatListensLater() throws IOException {
        int port = freePort();
        ManagedChannel early = channel(port);
        // The channel has tried the port and failed, as a service's own channel does when it is
        // made before the port listens: a call without waiting for ready now fails at once.
        early.getState(true);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (early.getState(false) != ConnectivityState.TRANSIENT_FAILURE && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertEquals(ConnectivityState.TRANSIENT_FAILURE, early.getState(false));
        var status = GrpcHealthProbe.check(early, Duration.ofSeconds(20), true).subscribeAsCompletionStage();
        serve(port, ServingStatus.SERVING);
        assertEquals(ServingStatus.SERVING, status.join());
    }

    @Test
    void aServerThatNeverAnswersFailsAtTheDeadline() throws IOException {
        int port = freePort();
        servers.add(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port)).addService(new HealthGrpc.HealthImplBase() {
            @Override
            public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> answer) {
                // never answers
            }
        }).build().start());
        StatusRuntimeException failure = assertInstanceOf(StatusRuntimeException.class, assertThrows(RuntimeException.class,
                () -> GrpcHealthProbe.check(channel(port), Duration.ofMillis(300), false).await().atMost(Duration.ofSeconds(10))));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, failure.getStatus().getCode());
    }

    private int serve(int port, ServingStatus status) throws IOException {
        servers.add(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port)).addService(new HealthGrpc.HealthImplBase() {
            @Override
            public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> answer) {
                answer.onNext(HealthCheckResponse.newBuilder().setStatus(status).build());
                answer.onCompleted();
            }
        }).build().start());
        return port;
    }

    private ManagedChannel channel(int port) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        channels.add(channel);
        return channel;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
