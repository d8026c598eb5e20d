package dev.agentry.common.grpc;

import dev.agentry.common.error.UnauthenticatedException;
import dev.agentry.common.limits.DailyRequestCounter;
import dev.agentry.common.tenant.TenantContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What REST's request filters do before a resource method, for a gRPC call: the verified token's
 * tenant bound to {@link TenantContext} (the stores bind it for row-level security from there),
 * the request counted against the plan's daily limit ({@link DailyRequestCounter}, shared with
 * REST), and the request validated as REST's {@code @Valid} would. Roles are checked before, by
 * {@code @RolesAllowed} on the gRPC service method, as on the resource method.
 */
@ApplicationScoped
public class GrpcCalls {

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    TenantContext caller;

    @Inject
    DailyRequestCounter requests;

    @Inject
    Validator validator;

    /** {@code work} as the caller's tenant, once the call is counted; fails closed without a tenant. */
    public <T> Uni<T> asTenant(Supplier<Uni<T>> work) {
        return identities.getDeferredIdentity().flatMap(identity -> {
            caller.resolveFrom(identity);
            if (!caller.isResolved()) {
                throw new UnauthenticatedException("This call needs a bearer token with a tenant_id claim");
            }
            return requests.count(caller);
        }).flatMap(counted -> work.get());
    }

    /** The request as the REST body would be validated ({@code @Valid}): a 400's field errors, as INVALID_ARGUMENT. */
    public <T> T valid(T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }
}
