package dev.agentry.conversation.slot;

import dev.agentry.common.page.Page;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The context slots of a session: only live ones (not expired) are ever returned. */
@Path("/v1/sessions/{id}/slots")
@Tag(name = "Context slots")
public class SlotResource {

    @Inject
    SlotService slots;

    @PUT
    @Path("/{key}")
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<ContextSlot> set(@PathParam("id") UUID id, @PathParam("key") String key, @NotNull @Valid SlotSet body) {
        return slots.set(id, key, body);
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<ContextSlot>> list(@PathParam("id") UUID id) {
        return slots.live(id);
    }

    @GET
    @Path("/{key}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<ContextSlot> get(@PathParam("id") UUID id, @PathParam("key") String key) {
        return slots.get(id, key);
    }
}
