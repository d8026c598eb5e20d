package dev.agentry.profile.field;

import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.Roles;
import dev.agentry.profile.fieldvalue.FieldVersion;
import dev.agentry.profile.fieldvalue.FieldWrite;
import dev.agentry.profile.view.ProfileView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** A profile's fields: values with source, confidence and validity, never overwritten. */
@Path("/v1/profiles/{id}/fields")
@Tag(name = "Profile fields")
public class FieldResource {

    @Inject
    FieldService fields;

    /** Records values (see {@link dev.agentry.profile.fieldvalue.FieldWriter}); answers the profile view with each field's winner and reason. */
    @POST
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AGENT_RUNTIME })
    public Uni<ProfileView> write(@PathParam("id") UUID id, @NotNull @Valid FieldWrites body) {
        return fields.write(id, body);
    }

    @GET
    @Path("/{name}/history")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<FieldVersion>> history(@PathParam("id") UUID id,
            @PathParam("name") @Pattern(regexp = FieldWrite.NAME, message = FieldWrite.NAME_MESSAGE) String name,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return fields.history(id, name, PageRequest.of(limit, cursor));
    }

    /** Ends the validity of the field's current values (the customer withdrew it); the history stays. */
    @DELETE
    @Path("/{name}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AGENT_RUNTIME })
    public Uni<RestResponse<Void>> retract(@PathParam("id") UUID id,
            @PathParam("name") @Pattern(regexp = FieldWrite.NAME, message = FieldWrite.NAME_MESSAGE) String name) {
        return fields.retract(id, name).map(v -> RestResponse.noContent());
    }
}
