package dev.agentry.common.parent;

import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.UUID;

/**
 * A service's parent resources: the path parameters that name the resource a request writes under
 * ({@code agentId} in {@code POST /v1/agents/{agentId}/rules}), and how to tell whether the caller's
 * tenant can see one. With a bean of this type, {@link ParentFirstFilter} answers 404 to a write
 * under a parent the caller cannot see before the body is read, so the answer is the same whatever
 * the body (another tenant's id must look exactly like an id that does not exist).
 */
public interface ParentResources {

    /** Path parameter name → the resource's name in the 404 ({@code agentId} → {@code agent}). */
    Map<String, String> parameters();

    /** Whether the caller's tenant can see the {@code parameter}'s resource {@code id}. */
    Uni<Boolean> visible(String parameter, UUID id);
}
