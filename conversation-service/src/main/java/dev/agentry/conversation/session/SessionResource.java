package dev.agentry.conversation.session;

import dev.agentry.common.error.ValidationException;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Sessions. Writes ({@code agent-runtime}, {@code tenant-admin}) answer the document with its version
 * as the {@code ETag}; a change sends it back in {@code If-Match}. Reads need {@code viewer} (which
 * {@code auditor}, {@code agent-runtime} and {@code tenant-admin} imply).
 */
@Path("/v1/sessions")
@Tag(name = "Sessions")
public class SessionResource {

    @Inject
    SessionService sessions;

    /** 201 with a new session, or 200 with the channel user's live session when there is one. */
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Session.class)))
    @APIResponse(responseCode = "200", description = "The channel user already has a live session: that one",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Session.class)))
    @POST
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<RestResponse<Session>> create(@NotNull @Valid SessionCreate body) {
        return sessions.create(body).map(c -> {
            RestResponse.ResponseBuilder<Session> answer = c.created()
                    ? RestResponse.ResponseBuilder.<Session> created(URI.create("/v1/sessions/" + c.session().sessionId()))
                    : RestResponse.ResponseBuilder.<Session> ok();
            return answer.entity(c.session()).header("ETag", SessionService.etag(c.session().version())).build();
        });
    }

    /** The session and its {@code ETag}; from the hot key the stored JSON is answered as it is (see SessionDocument). */
    @APIResponse(responseCode = "200", description = "The session",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Session.class)))
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.VIEWER)
    public Uni<RestResponse<String>> get(@PathParam("id") UUID id) {
        return sessions.getDocument(id).map(d -> RestResponse.ResponseBuilder.ok(d.json(), MediaType.APPLICATION_JSON_TYPE)
                .header("ETag", SessionService.etag(d.version())).build());
    }

    /**
     * Sessions of one agent ({@code agent_id}), of one customer ({@code customer_profile_id}), or the
     * current session of one channel user ({@code channel} and {@code user_channel_id}): exactly one
     * of the three. Newest first, from the Redis indexes (sessions whose keys expired are not listed).
     */
    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<Page<Session>> list(@QueryParam("agent_id") String agentId, @QueryParam("customer_profile_id") String profileId,
            @QueryParam("channel") String channel, @QueryParam("user_channel_id") String userChannelId,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        int selectors = (agentId != null ? 1 : 0) + (profileId != null ? 1 : 0) + (channel != null || userChannelId != null ? 1 : 0);
        if (selectors != 1) {
            throw new ValidationException("agent_id", "send exactly one of agent_id, customer_profile_id, or channel with user_channel_id");
        }
        PageRequest page = PageRequest.of(limit, cursor);
        if (agentId != null) {
            return sessions.listByAgent(uuid("agent_id", agentId), page);
        }
        if (profileId != null) {
            return sessions.listByCustomer(uuid("customer_profile_id", profileId), page);
        }
        return sessions.listByChannel(channel, userChannelId);
    }

    /** Merges variables and/or sets the status; {@code If-Match} is required (428 without, 409 when stale). */
    @PATCH
    @Path("/{id}")
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<RestResponse<Session>> patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @NotNull SessionPatch body) {
        return sessions.patch(id, ifMatch, body).map(SessionResource::withEtag);
    }

    /** Ends the session ({@code If-Match} optional); ending an ended session answers it unchanged. */
    @POST
    @Path("/{id}/end")
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<RestResponse<Session>> end(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, SessionEnd body) {
        return sessions.end(id, ifMatch, body).map(SessionResource::withEtag);
    }

    /** Erases every session of a customer profile, in Redis and PostgreSQL (tenant-admin). */
    @POST
    @Path("/erasure")
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<ErasureReceipt> erase(@NotNull @Valid CustomerErasure body) {
        return sessions.erase(body.customerProfileId());
    }

    /**
     * profile-service merged two profiles: the merged one's sessions and customer index follow the
     * survivor. Answers how many sessions moved; safe to repeat.
     */
    @POST
    @Path("/customer-merges")
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<MergeReceipt> followMerge(@NotNull @Valid CustomerMerge body) {
        return sessions.followMerge(body);
    }

    private static RestResponse<Session> withEtag(Session s) {
        return RestResponse.ResponseBuilder.ok(s).header("ETag", SessionService.etag(s.version())).build();
    }

    private static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new ValidationException(name, "must be a UUID");
        }
    }
}
