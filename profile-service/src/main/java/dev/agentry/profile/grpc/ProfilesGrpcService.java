package dev.agentry.profile.grpc;

import dev.agentry.api.profile.v1.Profiles;
import dev.agentry.api.profile.v1.ResolveReply;
import dev.agentry.api.profile.v1.ResolveRequest;
import dev.agentry.common.grpc.GrpcCalls;
import dev.agentry.common.grpc.GrpcValues;
import dev.agentry.common.tenant.Roles;
import dev.agentry.profile.base.Profile;
import dev.agentry.profile.identity.Identity;
import dev.agentry.profile.identity.IdentityCreate;
import dev.agentry.profile.resolve.ResolveResult;
import dev.agentry.profile.resolve.ResolveService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

/**
 * {@code agentry.profile.v1.Profiles} (profile-api): the resolve of {@code POST
 * /v1/profiles/resolve} over gRPC, through the same {@link ResolveService}, with the same roles.
 * Only the mapping between messages and records lives here.
 */
@GrpcService
public class ProfilesGrpcService implements Profiles {

    @Inject
    GrpcCalls calls;

    @Inject
    ResolveService resolver;

    @Override
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AGENT_RUNTIME })
    public Uni<ResolveReply> resolve(ResolveRequest request) {
        return calls.asTenant(() -> resolver.resolve(calls.valid(new IdentityCreate(GrpcValues.text(request.getChannel()),
                GrpcValues.text(request.getChannelUserId()), request.getVerified()))))
                .map(ProfilesGrpcService::reply);
    }

    private static ResolveReply reply(ResolveResult result) {
        return ResolveReply.newBuilder()
                .setCreated(result.created())
                .setProfile(profile(result.profile()))
                .setIdentity(identity(result.identity()))
                .build();
    }

    private static dev.agentry.api.profile.v1.Profile profile(Profile profile) {
        return dev.agentry.api.profile.v1.Profile.newBuilder()
                .setId(profile.id().toString())
                .setExternalId(GrpcValues.wire(profile.externalId()))
                .setCreatedAt(GrpcValues.wire(profile.createdAt()))
                .setUpdatedAt(GrpcValues.wire(profile.updatedAt()))
                .build();
    }

    private static dev.agentry.api.profile.v1.Identity identity(Identity identity) {
        return dev.agentry.api.profile.v1.Identity.newBuilder()
                .setId(identity.id().toString())
                .setProfileId(identity.profileId().toString())
                .setChannel(identity.channel())
                .setChannelUserId(identity.channelUserId())
                .setVerified(identity.verified())
                .setCreatedAt(GrpcValues.wire(identity.createdAt()))
                .setUpdatedAt(GrpcValues.wire(identity.updatedAt()))
                .build();
    }
}
