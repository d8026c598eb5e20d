package dev.agentry.config.llm;

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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The caller tenant's one LLM configuration (model, encrypted provider key, rate limits). */
@Path("/v1/llm-config")
@Tag(name = "LLM config")
public class TenantLlmConfigResource {

    @Inject
    TenantLlmConfigService configs;

    @PUT
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<TenantLlmConfig> put(@NotNull @Valid TenantLlmConfigPut body) {
        return configs.put(body);
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<TenantLlmConfig> get() {
        return configs.get();
    }

    @DELETE
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<RestResponse<Void>> delete() {
        return configs.delete().map(v -> RestResponse.noContent());
    }
}
