package dev.agentry.profile.grpc;

import static dev.agentry.common.testing.GrpcTestCalls.as;
import static dev.agentry.common.testing.GrpcTestCalls.forged;
import static dev.agentry.common.testing.GrpcTestCalls.problem;
import static dev.agentry.common.testing.GrpcTestCalls.refused;
import static dev.agentry.profile.ProfileTestSupport.rowCounts;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.api.profile.v1.ProfilesGrpc;
import dev.agentry.api.profile.v1.ResolveReply;
import dev.agentry.api.profile.v1.ResolveRequest;
import dev.agentry.common.limits.PlanLimitNames;
import dev.agentry.common.limits.PlanLimitStore;
import dev.agentry.common.tenant.Roles;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.GrpcTestCalls;
import dev.agentry.common.testing.TestTokens;
import dev.agentry.common.testing.TwoTenantTest;
import dev.agentry.profile.ProfileTestSupport;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code agentry.profile.v1.Profiles/Resolve} as a client generated from profile-api calls it, on
 * the HTTP port: the same store and answers as {@code POST /v1/profiles/resolve}, the same token
 * checks (missing, forged, expired, wrong role, no tenant), the same validation and plan limit, and
 * another tenant never reaches A's profiles.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ProfilesGrpcServiceTest extends TwoTenantTest {

    @Inject
    PlanLimitStore limits;

    private ManagedChannel channel;

    @Override
    protected String schema() {
        return "profile";
    }

    @BeforeEach
    void open() {
        channel = GrpcTestCalls.channel();
    }

    @AfterEach
    void close() throws InterruptedException {
        GrpcTestCalls.close(channel);
    }

    private ProfilesGrpc.ProfilesBlockingStub profiles(String token) {
        return as(ProfilesGrpc.newBlockingStub(channel), token);
    }

    private static ResolveRequest identity(String channel, String userId) {
        return ResolveRequest.newBuilder().setChannel(channel).setChannelUserId(userId).build();
    }

    @Test
    void resolveCreatesOnceThenFindsTheSameProfileAsRest() {
        Map<String, Long> before = rowCounts(tenantA);
        ResolveReply first = profiles(tokenA(Roles.AGENT_RUNTIME)).resolve(identity("zalo", "g-100"));
        assertTrue(first.getCreated());
        assertEquals("zalo", first.getIdentity().getChannel());
        assertEquals(first.getProfile().getId(), first.getIdentity().getProfileId());
        assertEquals("", first.getProfile().getExternalId(), "no external id is the empty string");
        assertFalse(first.getProfile().getCreatedAt().isEmpty());

        ResolveReply again = profiles(tokenA(Roles.AGENT_RUNTIME)).resolve(identity("Zalo", " g-100 "));
        assertFalse(again.getCreated());
        assertEquals(first.getProfile().getId(), again.getProfile().getId());
        assertEquals(ProfileTestSupport.grown(before, 1, 1, 0, 0), rowCounts(tenantA));

        // The REST resolve of the same identity finds the profile gRPC made: one store, two transports.
        ProfileTestSupport.as(ProfileTestSupport.runtime(tenantA)).body(ProfileTestSupport.identity("zalo", "g-100"))
                .post("/v1/profiles/resolve").then().statusCode(200).body("profile.id", equalTo(first.getProfile().getId()));

        // verified: true marks a known identity verified.
        ResolveReply verified = profiles(tokenA(Roles.TENANT_ADMIN))
                .resolve(identity("zalo", "g-100").toBuilder().setVerified(true).build());
        assertTrue(verified.getIdentity().getVerified());
    }

    @Test
    void anotherTenantResolvingTheSameIdentityGetsItsOwnProfile() {
        ResolveReply a = profiles(tokenA(Roles.AGENT_RUNTIME)).resolve(identity("web", "shared-1"));
        Map<String, Long> aBefore = rowCounts(tenantA);
        ResolveReply b = profiles(tokenB(Roles.AGENT_RUNTIME)).resolve(identity("web", "shared-1"));
        assertTrue(b.getCreated(), "B does not find A's identity");
        assertNotEquals(a.getProfile().getId(), b.getProfile().getId());
        assertEquals(aBefore, rowCounts(tenantA), "B's call changed nothing of A's");
        // A's profile is not B's to read over REST either.
        ProfileTestSupport.as(ProfileTestSupport.viewer(tenantB)).get("/v1/profiles/" + a.getProfile().getId())
                .then().statusCode(404);
    }

    @Test
    void aMissingForgedExpiredOrTenantlessTokenIsUnauthenticated() {
        Map<String, Long> before = rowCounts(tenantA);
        StatusRuntimeException missing = refused(Status.Code.UNAUTHENTICATED,
                () -> profiles(null).resolve(identity("web", "anon")));
        assertEquals(401, ((Number) problem(missing).get("status")).intValue());
        refused(Status.Code.UNAUTHENTICATED,
                () -> profiles(forged(tenantA, Roles.AGENT_RUNTIME)).resolve(identity("web", "forged")));
        String expired = TestTokens.sign(TestTokens.claims(tenantA, Roles.AGENT_RUNTIME)
                .issuedAt(java.time.Instant.now().minusSeconds(7200)).expiresAt(java.time.Instant.now().minusSeconds(3600)));
        refused(Status.Code.UNAUTHENTICATED, () -> profiles(expired).resolve(identity("web", "expired")));
        String noTenant = TestTokens.sign(io.smallrye.jwt.build.Jwt.issuer(TestTokens.ISSUER).audience(TestTokens.AUDIENCE)
                .subject("test:no-tenant").groups(java.util.Set.of(Roles.AGENT_RUNTIME))
                .expiresAt(java.time.Instant.now().plusSeconds(600)));
        refused(Status.Code.UNAUTHENTICATED, () -> profiles(noTenant).resolve(identity("web", "no-tenant")));
        assertEquals(before, rowCounts(tenantA), "nothing was written");
    }

    @Test
    void aRoleWithoutResolveIsPermissionDenied() {
        Map<String, Long> before = rowCounts(tenantA);
        StatusRuntimeException denied = refused(Status.Code.PERMISSION_DENIED,
                () -> profiles(tokenA(Roles.VIEWER)).resolve(identity("web", "viewer")));
        assertEquals(403, ((Number) problem(denied).get("status")).intValue());
        assertEquals(before, rowCounts(tenantA));
    }

    @Test
    void badInputIsInvalidArgumentNamingTheFieldAndChangesNothing() {
        Map<String, Long> before = rowCounts(tenantA);
        StatusRuntimeException empty = refused(Status.Code.INVALID_ARGUMENT,
                () -> profiles(tokenA(Roles.AGENT_RUNTIME)).resolve(identity("", "u-1")));
        Map<String, Object> document = problem(empty);
        assertEquals(400, ((Number) document.get("status")).intValue());
        assertEquals(empty.getStatus().getDescription(), document.get("detail"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) document.get("errors");
        assertEquals("channel", errors.get(0).get("field"));
        refused(Status.Code.INVALID_ARGUMENT,
                () -> profiles(tokenA(Roles.AGENT_RUNTIME)).resolve(identity("web", "x".repeat(256))));
        refused(Status.Code.INVALID_ARGUMENT,
                () -> profiles(tokenA(Roles.AGENT_RUNTIME)).resolve(identity("not a channel!", "u-1")));
        assertEquals(before, rowCounts(tenantA));
    }

    @Test
    void healthAndReflectionAreServedWithoutAToken() throws Exception {
        var health = grpc.health.v1.HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus.SERVING,
                health.check(grpc.health.v1.HealthOuterClass.HealthCheckRequest.newBuilder().build()).getStatus());

        // Reflection (what grpcurl lists): a bidirectional stream asked for the service names.
        java.util.concurrent.CompletableFuture<List<String>> listed = new java.util.concurrent.CompletableFuture<>();
        var requests = io.grpc.reflection.v1.ServerReflectionGrpc.newStub(channel).serverReflectionInfo(
                new io.grpc.stub.StreamObserver<io.grpc.reflection.v1.ServerReflectionResponse>() {
                    @Override
                    public void onNext(io.grpc.reflection.v1.ServerReflectionResponse response) {
                        listed.complete(response.getListServicesResponse().getServiceList().stream()
                                .map(io.grpc.reflection.v1.ServiceResponse::getName).toList());
                    }

                    @Override
                    public void onError(Throwable failure) {
                        listed.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {
                        listed.complete(List.of());
                    }
                });
        requests.onNext(io.grpc.reflection.v1.ServerReflectionRequest.newBuilder().setListServices("*").build());
        List<String> services = listed.get(10, java.util.concurrent.TimeUnit.SECONDS);
        requests.onCompleted();
        assertTrue(services.contains("agentry.profile.v1.Profiles"), () -> "reflection lists " + services);
        assertTrue(services.contains("grpc.health.v1.Health"), () -> "reflection lists " + services);
    }

    @Test
    void callsCountAgainstTheDailyLimitLikeRestRequests() {
        UUID limited = UUID.randomUUID();
        limits.publish(limited, Map.of(PlanLimitNames.MAX_DAILY_REQUESTS, 2L)).await().atMost(Duration.ofSeconds(5));
        String token = TestTokens.forTenant(limited, Roles.AGENT_RUNTIME);
        profiles(token).resolve(identity("web", "l-1"));
        // A REST request counts on the same counter.
        ProfileTestSupport.as(token).get("/v1/profiles/" + UUID.randomUUID()).then().statusCode(org.hamcrest.Matchers.oneOf(403, 404));
        StatusRuntimeException limitedCall = refused(Status.Code.RESOURCE_EXHAUSTED,
                () -> profiles(token).resolve(identity("web", "l-2")));
        assertEquals(429, ((Number) problem(limitedCall).get("status")).intValue());
        long retryAfter = Long.parseLong(limitedCall.getTrailers().get(
                io.grpc.Metadata.Key.of("retry-after", io.grpc.Metadata.ASCII_STRING_MARSHALLER)));
        assertTrue(retryAfter >= 1 && retryAfter <= 86_400, "retry-after within the day: " + retryAfter);
        assertEquals(1L, rowCounts(limited).get("customer_profiles"), "the refused call wrote nothing");
    }
}
