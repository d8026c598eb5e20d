package dev.agentry.common.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.function.Executable;

/**
 * gRPC calls for tests, as a client generated from the contracts makes them: a plaintext channel
 * to the service under test (gRPC shares the HTTP port), the bearer token in the
 * {@code authorization} metadata, and the refused call's status and problem+json trailer.
 */
public final class GrpcTestCalls {

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<byte[]> PROBLEM = Metadata.Key.of("agentry-problem-bin", Metadata.BINARY_BYTE_MARSHALLER);
    private static final ObjectMapper JSON = new ObjectMapper();

    private GrpcTestCalls() {
    }

    /** A channel to the running test application's port. */
    public static ManagedChannel channel() {
        return ManagedChannelBuilder.forAddress("localhost", RestAssured.port).usePlaintext().build();
    }

    public static void close(ManagedChannel channel) throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** {@code stub} sending {@code token} as its bearer token; null sends none. */
    public static <S extends AbstractStub<S>> S as(S stub, String token) {
        S timed = stub.withDeadlineAfter(20, TimeUnit.SECONDS);
        if (token == null) {
            return timed;
        }
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        return timed.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** A well-formed token for {@code tenant} signed with a key the services do not trust. */
    public static String forged(UUID tenant, String... roles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return TestTokens.claims(tenant, roles).sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The failure of a call that must be refused with {@code code}. */
    public static StatusRuntimeException refused(Status.Code code, Executable call) {
        StatusRuntimeException failure = Assertions.assertThrows(StatusRuntimeException.class, call);
        Assertions.assertEquals(code, failure.getStatus().getCode(), () -> "status of the refused call: " + failure.getStatus());
        return failure;
    }

    /** The problem+json document a refused call carries in its {@code agentry-problem-bin} trailer. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> problem(StatusRuntimeException failure) {
        Metadata trailers = failure.getTrailers();
        Assertions.assertNotNull(trailers, "a refused call has trailers");
        byte[] document = trailers.get(PROBLEM);
        Assertions.assertNotNull(document, "a refused call carries its problem+json in agentry-problem-bin");
        try {
            return JSON.readValue(new String(document, StandardCharsets.UTF_8), Map.class);
        } catch (java.io.IOException e) {
            throw new AssertionError("the problem trailer is not JSON", e);
        }
    }
}
