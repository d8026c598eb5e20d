package dev.agentry.memory.episode;

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
import dev.agentry.common.search.SearchMode;
import dev.agentry.common.search.SearchStrategy;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.memory.MemoryConfig;
import dev.agentry.memory.search.RankingLimits;
import dev.agentry.memory.search.TextQuery;
import dev.agentry.memory.search.VectorQuery;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Episodes of the caller's tenant: stored with a vector computed here (or the caller's, checked),
 * listed, closed, deleted and searched. Embedding runs before the transaction opens, so that a
 * transaction never waits on the model.
 */
@ApplicationScoped
public class EpisodeService {

    @Inject
    TenantTransactions tx;

    @Inject
    EpisodeStore store;

    @Inject
    EmbeddingProvider embeddings;

    @Inject
    QueryVectors vectors;

    @Inject
    TenantContext caller;

    @Inject
    MemoryConfig config;

    public Uni<Episode> create(EpisodeCreate create) {
        UUID tenant = caller.tenantId();
        List<FieldError> errors = validate(create, "");
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return prepare(List.of(create))
                .flatMap(ready -> tx.inTenant(tenant, conn -> store.insertAll(conn, tenant, ready)))
                .map(stored -> stored.get(0));
    }

    /** Stores every episode or none: one validation pass, one embedding pass, one statement. */
    public Uni<EpisodeBulkCreated> createAll(EpisodeBulkCreate bulk) {
        UUID tenant = caller.tenantId();
        if (bulk.episodes().size() > config.episodes().maxBulk()) {
            throw new ValidationException("episodes", "at most " + config.episodes().maxBulk() + " episodes per call");
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < bulk.episodes().size(); i++) {
            errors.addAll(validate(bulk.episodes().get(i), "episodes[" + i + "]."));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return prepare(bulk.episodes())
                .flatMap(ready -> tx.inTenant(tenant, conn -> store.insertAll(conn, tenant, ready))
                        .map(stored -> new EpisodeBulkCreated(ready.size(), ready.stream().map(EpisodeStore.NewEpisode::id).toList())));
    }

    public Uni<Episode> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id))
                .map(found -> found.orElseThrow(() -> NotFoundException.of("Episode", id)));
    }

    public Uni<Page<Episode>> list(EpisodeStore.Filter filter, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.list(conn, tenant, filter, page)).map(rows -> Page.of(rows, page, Episode::id));
    }

    public Uni<Episode> update(UUID id, EpisodeUpdate update) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id).flatMap(found -> {
            Episode current = found.orElseThrow(() -> NotFoundException.of("Episode", id));
            if (update.validTo() != null && !update.validTo().isAfter(current.validFrom())) {
                throw new ValidationException("valid_to", "must be after valid_from (" + current.validFrom() + ")");
            }
            return store.update(conn, tenant, id, update);
        })).map(found -> found.orElseThrow(() -> NotFoundException.of("Episode", id)));
    }

    public Uni<Void> delete(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.delete(conn, tenant, id)).invoke(deleted -> {
            if (!deleted) {
                throw NotFoundException.of("Episode", id);
            }
        }).replaceWithVoid();
    }

    /**
     * Hybrid search. The vector strategy is the request's ({@code auto} by default: exact up to the
     * threshold or with a narrow filter, through the index above); a query vector from a model none
     * of the tenant's episodes were embedded with is refused, since comparing across models ranks
     * noise.
     */
    public Uni<EpisodeSearchResult> search(EpisodeSearch search) {
        UUID tenant = caller.tenantId();
        MemoryConfig.Search settings = config.search();
        SearchMode mode = search.mode() == null ? SearchMode.HYBRID : search.mode();
        String text = search.query() == null || search.query().isBlank() ? null : search.query();
        int limit = search.limit() == null ? 10 : search.limit();
        if (limit > settings.maxLimit()) {
            throw new ValidationException("limit", "must be at most " + settings.maxLimit());
        }
        if (mode == SearchMode.TEXT && text == null) {
            throw new ValidationException("query", "is required in text mode");
        }
        boolean supplied = search.embedding() != null || search.embeddingModel() != null;
        if (supplied) {
            // Which model is memory's own rule (refuseForeignModel): any model name passes here.
            vectors.requirePairAndWidth(search.embedding(), search.embeddingModel(), QueryVectors.FIELDS);
        }
        String model = supplied ? search.embeddingModel() : vectors.model();
        Uni<float[]> vector = !mode.usesVector() ? Uni.createFrom().nullItem()
                : supplied ? Uni.createFrom().item(search.embedding())
                : vectors.of(text, null, null, QueryVectors.FIELDS);
        EpisodeStore.Filter filter = new EpisodeStore.Filter(search.agentId(), search.customerProfileId(),
                search.sessionId(), search.groupId(), search.types());
        EpisodeStore.Validity validity = new EpisodeStore.Validity(search.asOf() == null ? Instant.now() : search.asOf(),
                search.knownAt());
        RankingLimits limits = new RankingLimits(limit, Math.max(settings.candidates(), limit), settings.textWindow(),
                settings.textMatchCap(), settings.rrfK());
        EpisodeStore.Weights weights = new EpisodeStore.Weights(
                search.recencyWeight() == null ? settings.recencyWeight() : search.recencyWeight(),
                search.importanceWeight() == null ? settings.importanceWeight() : search.importanceWeight(),
                settings.recencyHalfLife().toSeconds());
        TextQuery textQuery = mode.usesText() && text != null
                ? new TextQuery(text, search.language() == null ? "en" : search.language()) : null;
        return vector.flatMap(v -> tx.inTenant(tenant, conn -> {
            if (!mode.usesVector()) {
                return store.search(conn, tenant, new EpisodeStore.Query(filter, validity, null, textQuery, limits, weights))
                        .map(hits -> new EpisodeSearchResult(mode, null, null, validity.asOf(), hits));
            }
            return store.countsByModel(conn, tenant).flatMap(counts -> {
                refuseForeignModel(counts, model);
                // Exact for at most exactMaxRows rows: "below the threshold" is threshold - 1 rows.
                SearchStrategy strategy = SearchStrategy.choose(search.strategy(), counts.getOrDefault(model, 0L),
                        settings.exactThreshold() - 1, filter.narrow());
                EpisodeStore.Query query = new EpisodeStore.Query(filter, validity, new VectorQuery(strategy, v, model),
                        textQuery, limits, weights);
                Uni<Void> planned = strategy == SearchStrategy.INDEX
                        ? IndexSearchSettings.efSearch(conn, Math.max(settings.hnswEfSearch(), limits.candidates()))
                        : Uni.createFrom().voidItem();
                return planned.flatMap(x -> store.search(conn, tenant, query))
                        .map(hits -> new EpisodeSearchResult(mode, strategy, model, validity.asOf(), hits));
            });
        }));
    }

    private static void refuseForeignModel(Map<String, Long> counts, String model) {
        if (!counts.isEmpty() && !counts.containsKey(model)) {
            throw new ValidationException("embedding_model", "the stored episodes were embedded with "
                    + String.join(", ", counts.keySet()) + "; a query vector from " + model + " cannot be compared with them");
        }
    }

    /** Computes the vectors the callers did not send, in batches side by side, off the event loop. */
    private Uni<List<EpisodeStore.NewEpisode>> prepare(List<EpisodeCreate> creates) {
        List<String> texts = new ArrayList<>();
        for (EpisodeCreate c : creates) {
            if (c.embedding() == null) {
                texts.add(c.content());
            }
        }
        return embeddings.embedAll(texts).map(vectors -> {
            List<EpisodeStore.NewEpisode> ready = new ArrayList<>(creates.size());
            int next = 0;
            for (EpisodeCreate c : creates) {
                if (c.embedding() == null) {
                    ready.add(new EpisodeStore.NewEpisode(Ids.newId(), c, vectors.get(next++), embeddings.model()));
                } else {
                    ready.add(new EpisodeStore.NewEpisode(Ids.newId(), c, c.embedding(), c.embeddingModel()));
                }
            }
            return ready;
        });
    }

    /** What the annotations cannot say: field combinations, the vector's width, the validity interval. */
    private List<FieldError> validate(EpisodeCreate c, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        if (c.embedding() != null || c.embeddingModel() != null) {
            try {
                vectors.requirePairAndWidth(c.embedding(), c.embeddingModel(),
                        new QueryVectors.Fields(prefix + "content", prefix + "embedding", prefix + "embedding_model"));
            } catch (ValidationException e) {
                errors.addAll(e.errors());
            }
        }
        Instant from = c.validFrom() == null ? Instant.now() : c.validFrom();
        if (c.validTo() != null && !c.validTo().isAfter(from)) {
            errors.add(new FieldError(prefix + "valid_to", "must be after valid_from"));
        }
        return errors;
    }
}
