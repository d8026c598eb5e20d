package dev.agentry.config.runtime;

import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The resolved per-turn view of an agent for conversation-service. */
@Path("/v1/agents/{agentId}/runtime-config")
@Tag(name = "Runtime")
public class RuntimeConfigResource {

    /** {@code hit} when the answer came from the cache, {@code miss} when it was rebuilt. */
    public static final String CACHE_HEADER = "X-Config-Cache";

    @Inject
    RuntimeConfigService runtime;

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<RestResponse<RuntimeConfig>> get(@PathParam("agentId") UUID agentId) {
        return runtime.get(agentId).map(a -> RestResponse.ResponseBuilder.ok(a.config()).header(CACHE_HEADER, a.cached() ? "hit" : "miss")
                .build());
    }
}
