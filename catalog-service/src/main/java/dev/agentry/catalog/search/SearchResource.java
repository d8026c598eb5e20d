package dev.agentry.catalog.search;

import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Offering search: hybrid (meaning + accent-insensitive text), typed filters, price range, stock. */
@Path("/v1/offerings/search")
@Tag(name = "Search")
public class SearchResource {

    @Inject
    SearchService search;

    @POST
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "searchOfferings", summary = "Search active offering versions; every hit gives its score parts")
    public Uni<OfferingSearchResult> search(@NotNull @Valid OfferingSearch body) {
        return search.search(body);
    }
}
