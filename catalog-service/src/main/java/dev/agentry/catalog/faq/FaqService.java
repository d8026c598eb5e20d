package dev.agentry.catalog.faq;

import dev.agentry.catalog.CatalogServiceConfig;
import dev.agentry.catalog.cache.SemanticCacheInvalidation;
import dev.agentry.catalog.support.CatalogErrors;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.embedding.EmbeddingProvider;
import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.search.IndexSearchSettings;
import dev.agentry.common.search.QueryVectors;
import dev.agentry.common.search.SearchStrategy;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.common.vector.VectorCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The FAQ, by plain SQL (vector search). Every write embeds the question first, outside any
 * transaction, then checks the links and writes in one; the search takes a query or a ready vector
 * ({@link QueryVectors}) and picks the vector strategy as the offering search does.
 */
@ApplicationScoped
public class FaqService {

    @Inject
    TenantTransactions tx;

    @Inject
    FaqStore store;

    @Inject
    EmbeddingProvider embeddings;

    @Inject
    QueryVectors vectors;

    @Inject
    CatalogServiceConfig config;

    @Inject
    TenantContext caller;

    @Inject
    SemanticCacheInvalidation cache;

    public Uni<Faq> create(FaqWrite write) {
        return create(caller.tenantId(), write);
    }

    /** As above, for a caller that names the tenant (import jobs run without a request). */
    public Uni<Faq> create(UUID tenant, FaqWrite write) {
        UUID id = Ids.newId();
        return embeddings.embed(write.question().strip()).chain(vector -> tx.inTenant(tenant, conn -> checkLinks(conn, tenant, write)
                .chain(() -> store.insert(conn, tenant, id, write, VectorCodec.toSql(vector), embeddings.model()))
                .chain(() -> store.find(conn, tenant, id))))
                .map(found -> found.orElseThrow())
                .onFailure().transform(f -> CatalogErrors.translate(f, Map.of()));
    }

    public Uni<Faq> update(UUID id, FaqWrite write) {
        return update(caller.tenantId(), id, write);
    }

    /** As above, for a caller that names the tenant (import jobs run without a request). */
    public Uni<Faq> update(UUID tenant, UUID id, FaqWrite write) {
        // 404 before the embedding is paid for (and before another tenant learns anything from a 400).
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id)).chain(existing -> {
            if (existing.isEmpty()) {
                throw notFound(id);
            }
            return embeddings.embed(write.question().strip());
        }).chain(vector -> tx.inTenant(tenant, conn -> checkLinks(conn, tenant, write)
                .chain(() -> store.update(conn, tenant, id, write, VectorCodec.toSql(vector), embeddings.model()))
                .chain(updated -> {
                    if (!updated) {
                        throw notFound(id);
                    }
                    // The semantic cache's answers built from this entry go with the change.
                    return cache.faqChanged(conn, tenant, id).chain(() -> store.find(conn, tenant, id));
                })))
                .map(found -> found.orElseThrow())
                .onFailure().transform(f -> CatalogErrors.translate(f, Map.of()));
    }

    public Uni<Void> delete(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.delete(conn, tenant, id)
                .call(deleted -> deleted ? cache.faqChanged(conn, tenant, id) : Uni.createFrom().voidItem())).map(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
            return null;
        });
    }

    public Uni<Faq> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id)).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    public Uni<Page<Faq>> list(UUID botId, boolean botLess, String category, PageRequest page) {
        if (botId != null && botLess) {
            throw new ValidationException("bot_less", "cannot be combined with bot_id");
        }
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.list(conn, tenant, botId, botLess, category, page)).map(rows -> Page.of(rows, page, Faq::id));
    }

    /** The best active answers of the bot and of the tenant's bot-less FAQ. */
    public Uni<FaqSearchResult> search(UUID botId, FaqSearch s) {
        UUID tenant = caller.tenantId();
        String text = s.query() == null || s.query().isBlank() ? null : s.query().strip();
        int limit = s.limit() == null ? config.search().defaultLimit() : s.limit();
        double min = s.minSimilarity() == null ? -1 : s.minSimilarity();
        // 404 for a bot the caller cannot see before anything is embedded.
        return tx.inTenant(tenant, conn -> bot(conn, tenant, botId))
                .chain(() -> vectors.of(text, s.embedding(), s.embeddingModel(), QueryVectors.FIELDS))
                .chain(vector -> tx.inTenant(tenant, conn -> store.candidates(conn, tenant, botId).chain(count -> {
                    SearchStrategy strategy = SearchStrategy.choose(s.strategy() == null ? SearchStrategy.AUTO : s.strategy(), count,
                            config.search().exactThreshold(), false);
                    int candidates = Math.max(config.search().candidates(), limit);
                    return (strategy == SearchStrategy.INDEX ? IndexSearchSettings.efSearch(conn, Math.max(40, candidates))
                            : Uni.createFrom().voidItem())
                            .chain(() -> store.search(conn, tenant, botId, VectorCodec.toSql(vector), vectors.model(), s.category(),
                                    strategy == SearchStrategy.EXACT, min, limit, candidates))
                            .map(hits -> new FaqSearchResult(strategy, vectors.model(), hits));
                })));
    }

    private Uni<Void> bot(SqlConnection conn, UUID tenant, UUID botId) {
        return store.botExists(conn, tenant, botId).map(exists -> {
            if (!exists) {
                throw NotFoundException.of("Bot", botId);
            }
            return null;
        });
    }

    /** The bot, domain and offering a write links to exist for this tenant (400 naming each that does not). */
    private Uni<Void> checkLinks(SqlConnection conn, UUID tenant, FaqWrite w) {
        Uni<Boolean> bot = w.botId() == null ? Uni.createFrom().item(true) : store.botExists(conn, tenant, w.botId());
        Uni<Boolean> domain = w.domainId() == null ? Uni.createFrom().item(true) : store.domainExists(conn, w.domainId());
        Uni<Boolean> offering = w.offeringId() == null ? Uni.createFrom().item(true) : store.offeringLive(conn, tenant, w.offeringId());
        return bot.chain(b -> domain.chain(d -> offering.map(o -> {
            List<FieldError> errors = new ArrayList<>();
            if (!b) {
                errors.add(new FieldError("bot_id", "is not a bot of this tenant"));
            }
            if (!d) {
                errors.add(new FieldError("domain_id", "is not a knowledge domain"));
            }
            if (!o) {
                errors.add(new FieldError("offering_id", "is not a live offering of this tenant"));
            }
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
            return null;
        })));
    }

    private static NotFoundException notFound(UUID id) {
        return NotFoundException.of("FAQ entry", id);
    }
}
