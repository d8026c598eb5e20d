package dev.agentry.config.llm;

import dev.agentry.common.tenant.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A chat completion with the tenant's own LLM configuration (the turn pipeline's and the support desk's answers). */
@Path("/v1/llm/chat-completions")
@Tag(name = "LLM")
public class ChatCompletionResource {

    @Inject
    ChatCompletionService completions;

    @APIResponse(responseCode = "200", description = "The completion",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ChatAnswer.class)))
    @APIResponse(responseCode = "502", description = "The LLM provider failed or could not be reached",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "504", description = "The LLM provider did not answer in time",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @POST
    @RolesAllowed({ Roles.AGENT_RUNTIME, Roles.TENANT_ADMIN })
    public Uni<ChatAnswer> complete(@NotNull @Valid ChatRequest body) {
        return completions.complete(body);
    }
}
