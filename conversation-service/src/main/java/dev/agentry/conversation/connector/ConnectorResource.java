package dev.agentry.conversation.connector;

import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.page.Page;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's Zendesk and Jira connectors ({@code system} is {@code zendesk} or {@code jira}). */
@Path("/v1/support/connectors")
@Tag(name = "Support connectors")
public class ConnectorResource {

    @Inject
    ConnectorService connectors;

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<Connector>> list() {
        return connectors.list().map(items -> new Page<>(items, null));
    }

    @GET
    @Path("/{system}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<Connector> get(@Parameter(schema = @Schema(enumeration = { "zendesk", "jira" })) @PathParam("system") String system) {
        return connectors.get(system(system));
    }

    /** Creates or replaces the connector (the credential and webhook secret are write-only). */
    @PUT
    @Path("/{system}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<Connector> put(@Parameter(schema = @Schema(enumeration = { "zendesk", "jira" })) @PathParam("system") String system, @NotNull @Valid ConnectorPut body) {
        return connectors.put(system(system), body);
    }

    /** Removes the connector; external refs stay (they say where the tickets went). */
    @DELETE
    @Path("/{system}")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<Void> delete(@Parameter(schema = @Schema(enumeration = { "zendesk", "jira" })) @PathParam("system") String system) {
        return connectors.delete(system(system));
    }

    static ConnectorSystem system(String value) {
        ConnectorSystem system = ConnectorSystem.of(value);
        if (system == null) {
            throw new NotFoundException("no connector system " + value + " (zendesk or jira)");
        }
        return system;
    }
}
