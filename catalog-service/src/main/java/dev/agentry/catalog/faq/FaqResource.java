package dev.agentry.catalog.faq;

import dev.agentry.common.http.Created;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** FAQ entries: of one bot, or of the tenant's bot-less FAQ that every bot's search reads too. */
@Path("/v1/faq")
@Tag(name = "FAQ")
public class FaqResource {

    @Inject
    FaqService faq;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Faq.class)))
    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "createFaq", summary = "Create an FAQ entry (its question is embedded)")
    public Uni<RestResponse<Faq>> create(@NotNull @Valid FaqWrite body) {
        return faq.create(body).map(f -> Created.at("/v1/faq/" + f.id(), f));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "listFaq", summary = "List FAQ entries: of one bot, or the bot-less ones, of one category when given")
    public Uni<Page<Faq>> list(@QueryParam("bot_id") UUID botId, @QueryParam("bot_less") boolean botLess,
            @QueryParam("category") String category, @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return faq.list(botId, botLess, category, PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getFaq", summary = "Read an FAQ entry")
    public Uni<Faq> get(@PathParam("id") UUID id) {
        return faq.get(id);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "updateFaq", summary = "Replace an FAQ entry (its question is embedded again)")
    public Uni<Faq> update(@PathParam("id") UUID id, @NotNull @Valid FaqWrite body) {
        return faq.update(id, body);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    @Operation(operationId = "deleteFaq", summary = "Delete an FAQ entry")
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return faq.delete(id).map(v -> RestResponse.noContent());
    }
}
