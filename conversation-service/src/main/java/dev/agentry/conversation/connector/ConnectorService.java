package dev.agentry.conversation.connector;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.secret.SecretCipher;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.conversation.ConversationServiceConfig;
import dev.agentry.conversation.support.OutboundAddresses;
import dev.agentry.conversation.ticket.TicketService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant's connectors: the credential sealed before the transaction (tenant and purpose bound),
 * the base URL checked against internal addresses, the webhook secret kept as its hash.
 */
@ApplicationScoped
public class ConnectorService {

    /** The associated data's purpose: a credential sealed for one system never opens as another's. */
    static String purpose(ConnectorSystem system) {
        return "support-connector:" + system.wire();
    }

    @Inject
    TenantTransactions tx;

    @Inject
    ConnectorStore store;

    @Inject
    SecretCipher cipher;

    @Inject
    TenantContext caller;

    @Inject
    ConversationServiceConfig config;

    @Inject
    TicketService tickets;

    public Uni<List<Connector>> list() {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.list(conn, tenant));
    }

    public Uni<Connector> get(ConnectorSystem system) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, system))
                .map(c -> c.orElseThrow(() -> new NotFoundException("no " + system.wire() + " connector")));
    }

    public Uni<Connector> put(ConnectorSystem system, ConnectorPut put) {
        OutboundAddresses.checkUrl("base_url", put.baseUrl(), config.support().allowPrivateHosts());
        if (system == ConnectorSystem.JIRA && put.projectKey() == null) {
            throw new ValidationException("project_key", "a Jira connector needs the project new issues go to");
        }
        UUID tenant = caller.tenantId();
        SecretCipher.Sealed sealed = put.credential() == null ? null : cipher.seal(tenant, purpose(system), put.credential());
        String last4 = put.credential() == null ? null : put.credential().substring(put.credential().length() - 4);
        byte[] webhook = put.webhookSecret() == null ? null : sha256(put.webhookSecret());
        String baseUrl = put.baseUrl().replaceAll("/+$", "");
        ConnectorPut normalised = new ConnectorPut(baseUrl, put.username(), put.credential(), put.projectKey(), put.webhookSecret(),
                put.enabled());
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, system).flatMap(existing -> {
            if (existing.isEmpty() && sealed == null) {
                throw new ValidationException("credential", "a new connector needs its API token");
            }
            if (sealed == null) {
                return store.update(conn, tenant, system, normalised, webhook).map(Optional::orElseThrow);
            }
            return store.put(conn, tenant, system, normalised, sealed == null ? null : sealed.ciphertext(),
                    sealed == null ? null : sealed.keyId(), last4, webhook);
        }));
    }

    public Uni<Void> delete(ConnectorSystem system) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.delete(conn, tenant, system)).invoke(deleted -> {
            if (!deleted) {
                throw new NotFoundException("no " + system.wire() + " connector");
            }
        }).replaceWithVoid();
    }

    /** The ticket's external refs; 404 when the tenant has no such ticket. */
    public Uni<List<ExternalRef>> refs(UUID ticketId) {
        UUID tenant = caller.tenantId();
        return tickets.exists(tenant, ticketId).flatMap(exists -> {
            if (!exists) {
                throw NotFoundException.of("ticket", ticketId);
            }
            return tx.inTenant(tenant, conn -> store.refs(conn, tenant, ticketId));
        });
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
