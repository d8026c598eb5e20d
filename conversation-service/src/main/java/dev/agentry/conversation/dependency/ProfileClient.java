package dev.agentry.conversation.dependency;

import dev.agentry.conversation.ConversationServiceConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/** profile-service as the turn uses it: the customer behind a channel identity. */
@ApplicationScoped
public class ProfileClient {

    @Inject
    ServiceCalls calls;

    @Inject
    ConversationServiceConfig config;

    /** The profile id of {@code channel}/{@code userId} (made when new); empty when profile-service could not answer. */
    public Uni<Optional<UUID>> resolve(CallBudget budget, String authorization, String channel, String userId) {
        JsonObject body = new JsonObject().put("channel", channel).put("channel_user_id", userId);
        return calls.post(Dependency.PROFILE, budget, config.turn().profileUrl() + "/v1/profiles/resolve", authorization, body)
                .map(answer -> answer.map(json -> json.getJsonObject("profile", new JsonObject()).getString("id"))
                        .filter(id -> id != null).map(UUID::fromString));
    }
}
