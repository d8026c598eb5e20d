package dev.agentry.conversation.connector;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.UnauthenticatedException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.openapi.ContractFilter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.security.MessageDigest;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Changes announced by Zendesk (a trigger's webhook) or Jira (an issue webhook). These callers hold
 * no Agentry token: the request names the tenant in its path and proves itself with the shared
 * secret set on the connector ({@code X-Agentry-Webhook-Secret}), compared by its SHA-256 in
 * constant time. A wrong or missing secret, or a tenant without that connector, is the same 401,
 * and nothing changes.
 */
@Path("/v1/support/webhooks/{system}/{tenantId}")
@Tag(name = "Support connectors")
public class InboundWebhookResource {

    public static final String SECRET_HEADER = "X-Agentry-Webhook-Secret";

    /** The answer: whether the change named a ticket here, and whether it changed it. */
    public record Receipt(boolean linked, boolean applied) {
    }

    @Inject
    TenantTransactions tx;

    @Inject
    ConnectorStore connectors;

    @Inject
    SyncWorker sync;

    @Inject
    jakarta.enterprise.inject.Instance<Tracker> trackers;

    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, description = "Zendesk: {\"ticket\": {\"id\", \"status\"}, \"comment\"}; "
                    + "Jira: an issue webhook ({\"issue\": {\"key\", \"fields\": {\"status\": {\"name\"}}}, \"comment\": {\"body\"}})")))
    @POST
    @PermitAll
    @Extension(name = ContractFilter.PUBLIC_EXTENSION, value = "true")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Receipt> receive(@Parameter(schema = @Schema(enumeration = { "zendesk", "jira" })) @PathParam("system") String systemName, @PathParam("tenantId") String tenantId,
            @HeaderParam(SECRET_HEADER) String secret, String body) {
        ConnectorSystem system = ConnectorSystem.of(systemName);
        if (system == null) {
            throw new NotFoundException("no connector system " + systemName + " (zendesk or jira)");
        }
        UUID tenant = tenant(tenantId);
        return tx.inTenant(tenant, conn -> connectors.secrets(conn, tenant, system)).flatMap(found -> {
            if (secret == null || found.isEmpty() || found.get().webhookSecretSha256() == null
                    || !MessageDigest.isEqual(ConnectorService.sha256(secret), found.get().webhookSecretSha256())) {
                throw new UnauthenticatedException("the webhook secret does not match this tenant's " + system.wire() + " connector");
            }
            JsonObject json;
            try {
                json = new JsonObject(body == null ? "" : body);
            } catch (DecodeException | ClassCastException e) {
                throw new ValidationException("body", "is not a JSON object");
            }
            Tracker tracker = trackers.stream().filter(t -> t.system() == system).findFirst().orElseThrow();
            Tracker.InboundChange change = tracker.inbound(json)
                    .orElseThrow(() -> new ValidationException("body", "is not a " + system.wire() + " ticket change"));
            return tx.inTenant(tenant, conn -> connectors.byExternalId(conn, tenant, system, change.externalId()))
                    .flatMap(ref -> ref.isEmpty() ? Uni.createFrom().item(new Receipt(false, false))
                            : sync.applyInbound(tenant, system, change).map(applied -> new Receipt(true, applied)));
        });
    }

    private static UUID tenant(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new UnauthenticatedException("the webhook secret does not match this tenant's connector");
        }
    }
}
