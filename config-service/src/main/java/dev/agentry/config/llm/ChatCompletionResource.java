package dev.agentry.config.llm;

import dev.agentry.common.error.ServiceException;
import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A chat completion with the tenant's own LLM configuration (the turn pipeline's and the support
 * desk's answers): one JSON answer, or with {@code Accept: text/event-stream} the provider's tokens
 * as they arrive ({@code token} events), then the whole answer with its token counts ({@code done}).
 */
@Path("/v1/llm/chat-completions")
@Tag(name = "LLM")
public class ChatCompletionResource {

    @Inject
    ChatCompletionService completions;

    @APIResponse(responseCode = "200", description = "The completion",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ChatAnswer.class)))
    @APIResponse(responseCode = "406", description = "stream: true without Accept: text/event-stream",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "502", description = "The LLM provider failed or could not be reached",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "504", description = "The LLM provider did not answer in time",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @POST
    @Operation(operationId = "completeChat", description = "The tenant's LLM answers the messages. With Accept: text/event-stream it is streamed as server-sent events: token events ({\"content\": ...}), then done with this answer's fields, or error with a problem.")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<ChatAnswer> complete(@NotNull @Valid ChatRequest body) {
        if (body.streamed()) {
            // JAX-RS chose this method by the Accept header before the body was read: the stream
            // needs the header that says the client reads events.
            throw new ServiceException(406, "stream-needs-accept", "Not Acceptable",
                    "stream: true answers server-sent events: send Accept: text/event-stream", List.of());
        }
        return completions.complete(body);
    }

    /**
     * The completion streamed (the refusals that need no provider are answered before, as problems,
     * by {@link StreamPrecheck}): a {@code token} event ({@code {"content": "..."}}) per piece the
     * provider sends, then {@code done} with the whole answer as the JSON endpoint gives it (its
     * tokens are counted toward the month's budget as there), or {@code error} with a problem if the
     * provider refuses or fails midway.
     */
    @POST
    // Described by completeChat: one operation per path and verb in the published document.
    @Operation(hidden = true)
    @StreamPrecheck.Streamed
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Multi<OutboundSseEvent> stream(@NotNull @Valid ChatRequest body, @Context Sse sse) {
        Multi<ChatCompletionService.Event> events = completions.stream(body).onItem().transformToMulti(m -> m)
                .onFailure(ServiceException.class).recoverWithItem(e -> new ChatCompletionService.Failed(
                        ((ServiceException) e).status(), ((ServiceException) e).code(), e.getMessage()));
        return events.map(event -> event(sse, event));
    }

    private static OutboundSseEvent event(Sse sse, ChatCompletionService.Event event) {
        OutboundSseEvent.Builder builder = sse.newEventBuilder().mediaType(MediaType.APPLICATION_JSON_TYPE);
        if (event instanceof ChatCompletionService.Token token) {
            return builder.name("token").data(ChatDelta.class, new ChatDelta(token.content())).build();
        }
        if (event instanceof ChatCompletionService.Done done) {
            return builder.name("done").data(ChatAnswer.class, done.answer()).build();
        }
        ChatCompletionService.Failed failed = (ChatCompletionService.Failed) event;
        return builder.name("error").data(Map.class, Map.of("status", failed.status(), "type", failed.code(), "detail",
                failed.detail())).build();
    }
}
