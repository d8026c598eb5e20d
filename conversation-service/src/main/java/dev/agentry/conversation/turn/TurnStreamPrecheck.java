package dev.agentry.conversation.turn;

import dev.agentry.common.error.ConflictException;
import dev.agentry.conversation.session.SessionService;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.UriInfo;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A streamed turn's session, checked before the stream starts: an event stream's 200 goes out as
 * soon as the resource method returns, so another tenant's session (404) or an ended one (409) is
 * refused here, as the JSON turn refuses it, with its own status.
 */
public class TurnStreamPrecheck {

    /** Marks the streaming turn method this filter guards. */
    @NameBinding
    @Target({ ElementType.TYPE, ElementType.METHOD })
    @Retention(RetentionPolicy.RUNTIME)
    public @interface SessionChecked {
    }

    @Inject
    SessionService sessions;

    @SessionChecked
    @ServerRequestFilter(priority = Priorities.USER + 60)
    public Uni<Void> requireLiveSession(UriInfo uri) {
        UUID id;
        try {
            id = UUID.fromString(uri.getPathParameters().getFirst("id"));
        } catch (RuntimeException e) {
            return Uni.createFrom().voidItem(); // the method's own parameter conversion answers it
        }
        return sessions.get(id).invoke(session -> {
            if (!session.isLive()) {
                throw new ConflictException("status", "the session has ended");
            }
        }).replaceWithVoid();
    }
}
