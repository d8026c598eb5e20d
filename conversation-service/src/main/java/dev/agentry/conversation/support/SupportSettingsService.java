package dev.agentry.conversation.support;

import dev.agentry.conversation.dependency.CallBudget;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.conversation.ConversationServiceConfig;
import dev.agentry.conversation.dependency.DependencyUnavailableException;
import dev.agentry.conversation.dependency.MemoryClient;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/** A tenant's support settings: the stored row, or the service's defaults for a tenant that has none. */
@ApplicationScoped
public class SupportSettingsService {

    /** Measured for the in-process model (bench/support/run.sh threshold; docs/benchmarks.md): the seed's 0.5 answered 9 of 10 questions the articles could not. */
    static final double DEFAULT_MIN_SIMILARITY = 0.65;
    static final int DEFAULT_ANSWER_CHUNKS = 3;

    @Inject
    TenantTransactions tx;

    @Inject
    SupportSettingsStore store;

    @Inject
    TenantContext caller;

    @Inject
    ConversationServiceConfig config;

    @Inject
    MemoryClient memory;

    public Uni<SupportSettings> get() {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> effective(conn, tenant));
    }

    /** Within the caller's transaction: the tenant's settings or the defaults. */
    public Uni<SupportSettings> effective(SqlConnection conn, UUID tenant) {
        return store.find(conn, tenant).map(found -> found.orElseGet(this::defaults));
    }

    public Uni<SupportSettings> put(String authorization, SupportSettingsPut put) {
        if (put.escalationWebhookUrl() != null) {
            OutboundAddresses.checkUrl("escalation_webhook_url", put.escalationWebhookUrl(), config.support().allowPrivateHosts());
        }
        SupportSettings defaults = defaults();
        SupportSettings settings = new SupportSettings(put.kbCollectionId(),
                put.kbMinSimilarity() == null ? defaults.kbMinSimilarity() : put.kbMinSimilarity(),
                put.answerChunks() == null ? defaults.answerChunks() : put.answerChunks(),
                put.autoAnswer() == null || put.autoAnswer(), put.answerWithLlm() == null || put.answerWithLlm(),
                put.escalationKeywords() == null ? defaults.escalationKeywords() : List.copyOf(put.escalationKeywords()),
                put.humanRequestPhrases() == null ? defaults.humanRequestPhrases() : List.copyOf(put.humanRequestPhrases()),
                put.escalateUrgent() == null || put.escalateUrgent(), put.escalationWebhookUrl(), null);
        UUID tenant = caller.tenantId();
        Uni<Void> collectionChecked = put.kbCollectionId() == null ? Uni.createFrom().voidItem()
                : memory.collectionExists(CallBudget.unbounded(), authorization, put.kbCollectionId()).invoke(known -> {
                    if (known.isEmpty()) {
                        throw new DependencyUnavailableException("memory-service", "whether the knowledge collection exists");
                    }
                    if (!known.get()) {
                        throw new ValidationException("kb_collection_id", "no knowledge collection " + put.kbCollectionId());
                    }
                }).replaceWithVoid();
        return collectionChecked.flatMap(checked -> tx.inTenant(tenant, conn -> store.put(conn, tenant, settings)));
    }

    SupportSettings defaults() {
        return new SupportSettings(null, DEFAULT_MIN_SIMILARITY, DEFAULT_ANSWER_CHUNKS, true, true,
                List.copyOf(config.support().escalationKeywords()), List.copyOf(config.support().humanRequestPhrases()), true,
                null, null);
    }
}
