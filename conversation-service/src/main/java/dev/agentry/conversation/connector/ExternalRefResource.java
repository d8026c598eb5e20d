package dev.agentry.conversation.connector;

import dev.agentry.common.page.Page;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Where a ticket went: its counterparts in Zendesk and Jira (at most one per system). */
@Path("/v1/tickets/{ticketId}/external-refs")
@Tag(name = "Tickets")
public class ExternalRefResource {

    @Inject
    ConnectorService connectors;

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<ExternalRef>> list(@PathParam("ticketId") UUID ticketId) {
        return connectors.refs(ticketId).map(items -> new Page<>(items, null));
    }
}
