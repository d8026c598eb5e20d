package dev.agentry.memory.forgetting;

import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Erasure of one customer's memory (GDPR-style requests). Idempotent: a second call reports zeros. */
@Path("/v1/customers/{customer_profile_id}/memory")
@Tag(name = "Forgetting")
public class ErasureResource {

    @Inject
    ErasureService erasure;

    @DELETE
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<CustomerErasure> erase(@PathParam("customer_profile_id") UUID customerProfileId) {
        return erasure.erase(customerProfileId);
    }
}
