package dev.agentry.catalog.faq;

import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** FAQ search for one bot: its active entries and the tenant's bot-less ones, by meaning. */
@Path("/v1/bots/{id}/faq/search")
@Tag(name = "FAQ")
public class FaqSearchResource {

    @Inject
    FaqService faq;

    @POST
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "searchFaq", summary = "The best FAQ answers for a query or a ready vector, each with its similarity")
    public Uni<FaqSearchResult> search(@PathParam("id") UUID id, @NotNull @Valid FaqSearch body) {
        return faq.search(id, body);
    }
}
