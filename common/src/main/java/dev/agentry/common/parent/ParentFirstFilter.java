package dev.agentry.common.parent;

import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.http.FilterPriorities;
import dev.agentry.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks the parent of a write before its body is read or validated: {@code POST
 * /v1/agents/{another tenant's agent}/rules} is 404 whether the body is empty, malformed or valid,
 * never a 400 that would confirm, by its difference, that the id exists. Only in services that
 * declare their {@link ParentResources}; one indexed lookup per parent, on writes only.
 */
public class ParentFirstFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH");

    @Inject
    Instance<ParentResources> parents;

    @Inject
    TenantContext caller;

    @ServerRequestFilter(priority = FilterPriorities.PARENT)
    public Uni<Void> checkParents(ContainerRequestContext request) {
        // A platform admin writes under other tenants' resources (permissions): its own tenant's
        // visibility is not the question there.
        if (!WRITES.contains(request.getMethod()) || !parents.isResolvable() || !caller.isResolved()
                || caller.isPlatformAdmin()) {
            return Uni.createFrom().voidItem();
        }
        ParentResources known = parents.get();
        MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
        List<Uni<Void>> checks = new ArrayList<>();
        for (Map.Entry<String, String> parameter : known.parameters().entrySet()) {
            String value = path.getFirst(parameter.getKey());
            if (value == null) {
                continue;
            }
            UUID id;
            try {
                id = UUID.fromString(value);
            } catch (IllegalArgumentException e) {
                return Uni.createFrom().failure(new NotFoundException(parameter.getValue() + " " + value + " does not exist"));
            }
            checks.add(known.visible(parameter.getKey(), id).invoke(visible -> {
                if (!visible) {
                    throw NotFoundException.of(parameter.getValue(), id);
                }
            }).replaceWithVoid());
        }
        if (checks.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return checks.size() == 1 ? checks.get(0) : Uni.join().all(checks).andFailFast().replaceWithVoid();
    }
}
