package dev.agentry.catalog.cache;

import dev.agentry.catalog.CatalogServiceConfig;
import dev.agentry.catalog.support.CatalogErrors;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.search.IndexSearchSettings;
import dev.agentry.common.search.QueryVectors;
import dev.agentry.common.search.SearchStrategy;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.common.vector.VectorCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The semantic cache, by plain SQL (vector search): fill, lookup, read, delete, the tenant's
 * settings. A lookup answers the nearest live entry of its scope (tenant, bot version, language,
 * model) when its cosine similarity reaches the tenant's threshold; the hit is counted in memory
 * ({@link SemanticCacheHits}), never written on the lookup's path.
 */
@ApplicationScoped
public class SemanticCacheService {

    static final QueryVectors.Fields FILL_FIELDS = new QueryVectors.Fields("question", "embedding", "embedding_model");
    static final int MAX_REMEMBERED_SCOPES = 10_000;

    /** A lookup's scope. */
    record Scope(UUID tenant, UUID botVersionId, String language, String model) {
    }

    /**
     * Scopes counted above search.exact-threshold, until when they are taken as large without a
     * count (counting up to the threshold is most of a lookup's time at 100,000 entries).
     */
    private final ConcurrentHashMap<Scope, Long> largeUntil = new ConcurrentHashMap<>();

    @Inject
    TenantTransactions tx;

    @Inject
    SemanticCacheStore store;

    @Inject
    SemanticCacheHits hits;

    @Inject
    QueryVectors vectors;

    @Inject
    CatalogServiceConfig config;

    @Inject
    TenantContext caller;

    public Uni<SemanticCacheEntry> fill(SemanticCacheFill f) {
        UUID tenant = caller.tenantId();
        String language = f.language().toLowerCase(Locale.ROOT);
        List<UUID> faqIds = f.sourceFaqIds() == null ? List.of() : f.sourceFaqIds();
        List<UUID> offeringIds = f.sourceOfferingIds() == null ? List.of() : f.sourceOfferingIds();
        UUID id = Ids.newId();
        // The vector is checked (or made) before any transaction: a bad one changes nothing.
        return vectors.of(f.question().strip(), f.embedding(), f.embeddingModel(), FILL_FIELDS)
                .chain(vector -> tx.inTenant(tenant, conn -> checkSources(conn, tenant, f, faqIds, offeringIds)
                        .chain(() -> store.settings(conn, tenant))
                        .chain(settings -> {
                            int ttl = f.ttlSeconds() != null ? f.ttlSeconds()
                                    : settings.orElseGet(SemanticCacheSettings::defaults).defaultTtlSeconds();
                            return store.insert(conn, tenant, id, f.question().strip(), f.answer().strip(), VectorCodec.toSql(vector),
                                    vectors.model(), f.botVersionId(), language, ttl);
                        })
                        .chain(() -> store.insertSources(conn, tenant, id, faqIds.stream().distinct().toList(),
                                offeringIds.stream().distinct().toList()))
                        .chain(() -> store.purgeExpired(conn, tenant, config.semanticCache().purgeBatch()))
                        .chain(() -> store.find(conn, tenant, id))))
                .map(found -> found.orElseThrow())
                .onFailure().transform(failure -> CatalogErrors.translate(failure, Map.of()));
    }

    public Uni<SemanticCacheLookupResult> lookup(SemanticCacheLookup l) {
        UUID tenant = caller.tenantId();
        String text = l.query() == null || l.query().isBlank() ? null : l.query().strip();
        String language = l.language().toLowerCase(Locale.ROOT);
        String model = vectors.model();
        return vectors.of(text, l.embedding(), l.embeddingModel(), QueryVectors.FIELDS)
                .chain(vector -> tx.inTenant(tenant, conn -> store.settings(conn, tenant).chain(settings -> {
                    double tenantThreshold = settings.orElseGet(SemanticCacheSettings::defaults).similarityThreshold();
                    double threshold = l.minSimilarity() == null ? tenantThreshold : Math.max(tenantThreshold, l.minSimilarity());
                    long exactMax = config.search().exactThreshold();
                    SearchStrategy requested = l.strategy() == null ? SearchStrategy.AUTO : l.strategy();
                    Scope scope = new Scope(tenant, l.botVersionId(), language, model);
                    Long until = largeUntil.get(scope);
                    boolean knownLarge = until != null && until - System.nanoTime() > 0;
                    Uni<Long> size = requested != SearchStrategy.AUTO || knownLarge ? Uni.createFrom().item(exactMax + 1)
                            : store.scopeSize(conn, tenant, l.botVersionId(), language, model, exactMax + 1).invoke(count -> {
                                if (count > exactMax) {
                                    if (largeUntil.size() >= MAX_REMEMBERED_SCOPES) {
                                        largeUntil.clear();
                                    }
                                    largeUntil.put(scope, System.nanoTime() + config.semanticCache().largeScopeMemory().toNanos());
                                }
                            });
                    return size.chain(count -> {
                        SearchStrategy strategy = SearchStrategy.choose(requested, count, exactMax, false);
                        return (strategy == SearchStrategy.INDEX ? IndexSearchSettings.preferIndex(conn, config.semanticCache().efSearch())
                                : Uni.createFrom().voidItem())
                                .chain(() -> store.nearest(conn, tenant, l.botVersionId(), language, model, VectorCodec.toSql(vector),
                                        strategy == SearchStrategy.EXACT))
                                .map(nearest -> {
                                    if (nearest.isEmpty()) {
                                        return new SemanticCacheLookupResult(false, null, threshold, strategy, model, null);
                                    }
                                    double similarity = nearest.get().similarity();
                                    if (similarity < threshold) {
                                        return new SemanticCacheLookupResult(false, similarity, threshold, strategy, model, null);
                                    }
                                    SemanticCacheEntry entry = nearest.get().entry();
                                    hits.record(tenant, entry.id(), Instant.now());
                                    return new SemanticCacheLookupResult(true, similarity, threshold, strategy, model,
                                            hits.withPending(tenant, entry));
                                });
                    });
                })));
    }

    public Uni<SemanticCacheEntry> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id))
                .map(found -> hits.withPending(tenant, found.orElseThrow(() -> notFound(id))));
    }

    public Uni<Void> delete(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.delete(conn, tenant, id)).map(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
            return null;
        });
    }

    public Uni<SemanticCacheSettings> settings() {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.settings(conn, tenant)).map(found -> found.orElseGet(SemanticCacheSettings::defaults));
    }

    public Uni<SemanticCacheSettings> putSettings(SemanticCacheSettings s) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.putSettings(conn, tenant, s.similarityThreshold(), s.defaultTtlSeconds())
                .chain(() -> store.settings(conn, tenant))).map(found -> found.orElseThrow());
    }

    /**
     * The bot version, FAQ entries and offerings a fill names are the tenant's (400 naming each that
     * is not), share locked; with {@code built_at}, none changed since (409 naming each that did).
     */
    private Uni<Void> checkSources(SqlConnection conn, UUID tenant, SemanticCacheFill f, List<UUID> faqIds, List<UUID> offeringIds) {
        Uni<Boolean> version = f.botVersionId() == null ? Uni.createFrom().item(true) : store.botVersionLive(conn, tenant, f.botVersionId());
        return version.chain(v -> store.faqs(conn, tenant, faqIds).chain(faqs -> store.offerings(conn, tenant, offeringIds).map(offerings -> {
            List<FieldError> errors = new ArrayList<>();
            if (!v) {
                errors.add(new FieldError("bot_version_id", "is not a version of an active bot of this tenant"));
            }
            for (int i = 0; i < faqIds.size(); i++) {
                if (!faqs.containsKey(faqIds.get(i))) {
                    errors.add(new FieldError("source_faq_ids[" + i + "]", "is not an FAQ entry of this tenant"));
                }
            }
            for (int i = 0; i < offeringIds.size(); i++) {
                if (!offerings.containsKey(offeringIds.get(i))) {
                    errors.add(new FieldError("source_offering_ids[" + i + "]", "is not a live offering of this tenant"));
                }
            }
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
            if (f.builtAt() != null) {
                List<FieldError> stale = new ArrayList<>();
                stale(stale, "source_faq_ids", faqIds, faqs, f.builtAt());
                stale(stale, "source_offering_ids", offeringIds, offerings, f.builtAt());
                if (!stale.isEmpty()) {
                    throw CatalogErrors.conflict("stale-sources", "Sources changed after built_at: the answer may be out of date", stale);
                }
            }
            return null;
        })));
    }

    private static void stale(List<FieldError> out, String field, List<UUID> ids, Map<UUID, Instant> updated, Instant builtAt) {
        for (int i = 0; i < ids.size(); i++) {
            Instant at = updated.get(ids.get(i));
            if (at != null && at.isAfter(builtAt)) {
                out.add(new FieldError(field + "[" + i + "]", "changed at " + at + ", after built_at"));
            }
        }
    }

    private static NotFoundException notFound(UUID id) {
        return NotFoundException.of("Semantic cache entry", id);
    }
}
