package dev.agentry.conversation.session;

import dev.agentry.common.http.ParentResources;
import dev.agentry.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every write of conversation-service under {@code /v1/sessions/{id}} (the session, its messages,
 * slots and checkpoints) names the session by {@code id}: common's ParentFirstFilter answers 404
 * for one the caller cannot see before the body is read (hot key first, as every read).
 */
@ApplicationScoped
public class SessionParentResources implements ParentResources {

    private static final Map<String, String> PARAMETERS = Map.of("id", "session");

    @Inject
    SessionService sessions;

    @Inject
    TenantContext caller;

    @Override
    public Map<String, String> parameters() {
        return PARAMETERS;
    }

    @Override
    public Uni<Boolean> visible(String parameter, UUID id) {
        return sessions.find(caller.tenantId(), id).map(Optional::isPresent);
    }
}
