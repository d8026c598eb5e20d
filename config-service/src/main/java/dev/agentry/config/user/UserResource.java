package dev.agentry.config.user;

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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The caller tenant's users: managed by tenant admins, readable by auditors. */
@Path("/v1/users")
@Tag(name = "Users")
public class UserResource {

    @Inject
    UserService users;

    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = User.class)))
    @POST
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<User>> create(@NotNull @Valid UserCreate body) {
        return users.create(body).map(u -> Created.at("/v1/users/" + u.id(), u));
    }

    @GET
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AUDITOR })
    public Uni<Page<User>> list(@QueryParam("status") UserStatus status, @QueryParam("role") UserRole role,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return users.list(status, role, PageRequest.of(limit, cursor));
    }

    /**
     * One user. The agent runtime may read one by id (not list them): conversation-service's support
     * desk checks a ticket's assignee and creator with the caller's token, and human support agents
     * hold the {@code agent-runtime} role (the user role {@code agent} maps to it).
     */
    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.AUDITOR, Roles.AGENT_RUNTIME })
    public Uni<User> get(@PathParam("id") UUID id) {
        return users.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<User> update(@PathParam("id") UUID id, @NotNull @Valid UserUpdate body) {
        return users.update(id, body);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return users.delete(id).map(v -> RestResponse.noContent());
    }
}
