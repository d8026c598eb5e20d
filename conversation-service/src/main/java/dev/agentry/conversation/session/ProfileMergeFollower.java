package dev.agentry.conversation.session;

import dev.agentry.common.events.DomainEvent;
import dev.agentry.common.events.DomainEventFollower;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Follows profile-service's merges from the event stream ({@code profile.merged}, consumer group
 * {@code conversation-service}): the merged profile's sessions and customer index move to the
 * survivor, exactly as {@code POST /v1/sessions/customer-merges} does (idempotent, so a repeat or a
 * redelivery changes nothing more). Off with {@code agentry.conversation.follow-profile-merges=false}.
 */
@ApplicationScoped
public class ProfileMergeFollower extends DomainEventFollower {

    private static final Logger LOG = Logger.getLogger(ProfileMergeFollower.class);
    static final String GROUP = "conversation-service";

    @Inject
    SessionService sessions;

    @ConfigProperty(name = "agentry.conversation.follow-profile-merges", defaultValue = "true")
    boolean enabled;

    @Override
    protected String group() {
        return GROUP;
    }

    @Override
    protected Set<String> types() {
        return Set.of(DomainEvent.PROFILE_MERGED);
    }

    @Override
    protected boolean enabled() {
        return enabled;
    }

    @Override
    protected Uni<Void> handle(DomainEvent event) {
        UUID from = UUID.fromString(event.data().get("from_profile_id"));
        UUID to = UUID.fromString(event.data().get("to_profile_id"));
        return sessions.followMerge(event.tenantId(), from, to).invoke(receipt -> {
            if (receipt.sessionsMoved() > 0) {
                LOG.infof("profile %s merged into %s: %d session(s) followed", from, to, receipt.sessionsMoved());
            }
        }).replaceWithVoid();
    }
}
