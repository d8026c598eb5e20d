package dev.agentry.config.llm;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.common.secret.SecretCipher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/**
 * The caller tenant's one LLM configuration. The provider API key is sealed with
 * {@link SecretCipher} (tenant id bound as associated data) before the transaction starts and is
 * never returned or logged: answers say {@code api_key_set} and the last four characters.
 */
@ApplicationScoped
public class TenantLlmConfigService {

    /** Associated-data purpose of LLM API keys. */
    public static final String PURPOSE = "llm-api-key";

    @Inject
    TenantTransactions tx;

    @Inject
    TenantLlmConfigStore store;

    @Inject
    LlmModelStore models;

    @Inject
    SecretCipher cipher;

    @Inject
    TenantContext caller;

    public Uni<TenantLlmConfig> put(TenantLlmConfigPut put) {
        UUID tenant = caller.tenantId();
        SecretCipher.Sealed sealed = put.apiKey() == null ? null : cipher.seal(tenant, PURPOSE, put.apiKey());
        String last4 = put.apiKey() == null ? null : put.apiKey().substring(put.apiKey().length() - 4);
        return tx.inTenant(tenant, conn -> models.exists(conn, put.llmModelId()).flatMap(modelExists -> {
            if (!modelExists) {
                throw new ValidationException("llm_model_id", "no such LLM model");
            }
            return store.lock(conn, tenant);
        }).flatMap(exists -> {
            if (!exists && sealed == null) {
                throw new ValidationException("api_key", "is required for a new LLM config");
            }
            if (!exists) {
                return store.insert(conn, tenant, Ids.newId(), put, sealed.ciphertext(), sealed.keyId(), last4);
            }
            if (sealed != null) {
                return store.update(conn, tenant, put, sealed.ciphertext(), sealed.keyId(), last4);
            }
            // The key is kept: sealed again under the current master key if an older one sealed it (rotation).
            return store.sealedKey(conn, tenant).flatMap(stored -> {
                SecretCipher.Sealed resealed = stored.filter(k -> cipher.needsRotation(k.keyId()))
                        .map(k -> cipher.seal(tenant, PURPOSE, cipher.open(tenant, PURPOSE, k.ciphertext(), k.keyId()))).orElse(null);
                return resealed == null ? store.update(conn, tenant, put, null, null, null)
                        : store.updateKeepingLast4(conn, tenant, put, resealed.ciphertext(), resealed.keyId());
            });
        }).flatMap(v -> store.find(conn, tenant)).map(Optional::orElseThrow));
    }

    public Uni<TenantLlmConfig> get() {
        return find().map(found -> found.orElseThrow(TenantLlmConfigService::notFound));
    }

    public Uni<Optional<TenantLlmConfig>> find() {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant));
    }

    public Uni<Void> delete() {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.delete(conn, tenant)).invoke(deleted -> {
            if (!deleted) {
                throw notFound();
            }
        }).replaceWithVoid();
    }

    private static NotFoundException notFound() {
        return new NotFoundException("This tenant has no LLM config");
    }
}
