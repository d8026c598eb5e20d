package dev.agentry.conversation.dependency;

import dev.agentry.api.profile.v1.MutinyProfilesGrpc;
import dev.agentry.api.profile.v1.ResolveRequest;
import dev.agentry.conversation.ConversationServiceConfig;
import dev.agentry.conversation.ConversationServiceConfig.Transport;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/** profile-service as the turn uses it: the customer behind a channel identity, over gRPC or REST. */
@ApplicationScoped
public class ProfileClient {

    @Inject
    ServiceCalls calls;

    @Inject
    ServiceRpcs rpcs;

    @Inject
    ConversationServiceConfig config;

    @GrpcClient("profile")
    MutinyProfilesGrpc.MutinyProfilesStub profiles;

    /** The profile id of {@code channel}/{@code userId} (made when new); empty when profile-service could not answer. */
    public Uni<Optional<UUID>> resolve(CallBudget budget, String authorization, String channel, String userId) {
        if (config.turn().transport().profile() == Transport.GRPC) {
            ResolveRequest request = ResolveRequest.newBuilder().setChannel(channel).setChannelUserId(userId).build();
            return rpcs.call(Dependency.PROFILE, budget, "Profiles/Resolve",
                    deadline -> rpcs.stub(profiles, authorization, deadline).resolve(request))
                    .map(reply -> reply.map(r -> UUID.fromString(r.getProfile().getId())));
        }
        JsonObject body = new JsonObject().put("channel", channel).put("channel_user_id", userId);
        return calls.post(Dependency.PROFILE, budget, config.turn().profileUrl() + "/v1/profiles/resolve", authorization, body)
                .map(answer -> answer.map(json -> json.getJsonObject("profile", new JsonObject()).getString("id"))
                        .filter(id -> id != null).map(UUID::fromString));
    }
}
