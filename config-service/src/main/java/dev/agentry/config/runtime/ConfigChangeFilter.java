package dev.agentry.config.runtime;

import dev.agentry.common.tenant.TenantContext;
import dev.agentry.config.support.NoConfigChange;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * After a successful write (POST, PUT, PATCH, DELETE with a 2xx answer, its transaction already
 * committed), bumps the caller tenant's configuration generation, and the platform's for a
 * platform admin, so that the next runtime-config read rebuilds. One filter instead of a call in
 * every service method: no write path can forget it. POSTs marked {@link NoConfigChange} are reads.
 */
public class ConfigChangeFilter {

    private static final Logger LOG = Logger.getLogger(ConfigChangeFilter.class);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    // Filters are built before runtime configuration: resolve beans per use.
    @Inject
    Instance<ConfigGenerations> generations;

    @Inject
    TenantContext caller;

    @ServerResponseFilter
    public Uni<Void> afterWrite(ContainerRequestContext request, ContainerResponseContext response, SimpleResourceInfo resource) {
        int status = response.getStatus();
        if (!WRITES.contains(request.getMethod()) || status < 200 || status >= 300 || !caller.isResolved() || resource == null
                || resource.getResourceClass() == null || !resource.getResourceClass().getPackageName().startsWith("dev.agentry.config")
                || marked(resource)) {
            return Uni.createFrom().voidItem();
        }
        ConfigGenerations g = generations.get();
        Uni<Void> bump = g.bumpTenant(caller.tenantId());
        if (caller.isPlatformAdmin()) {
            bump = bump.flatMap(v -> g.bumpPlatform());
        }
        // The write is committed: a Redis hiccup must not turn it into an error. The cache TTL bounds the staleness.
        return bump.onFailure().recoverWithItem(e -> {
            LOG.warnf("could not bump the configuration generation of tenant %s: %s", caller.tenantId(), e.getMessage());
            return null;
        });
    }

    private static boolean marked(SimpleResourceInfo resource) {
        for (var m : resource.getResourceClass().getMethods()) {
            if (m.getName().equals(resource.getMethodName()) && m.isAnnotationPresent(NoConfigChange.class)) {
                return true;
            }
        }
        return false;
    }
}
