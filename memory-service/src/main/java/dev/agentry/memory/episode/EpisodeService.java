package dev.agentry.memory.episode;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.embedding.EmbeddingProvider;
import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.common.vector.VectorCodec;
import dev.agentry.memory.MemoryConfig;
import dev.agentry.memory.search.SearchMode;
import dev.agentry.memory.search.SearchStrategy;
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
     * Hybrid search. The vector strategy follows the tenant's size (exact under the threshold, or
     * with a narrow filter; HNSW above); a query vector from a model none of the tenant's episodes
     * were embedded with is refused, since comparing across models ranks noise.
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
        if (text == null && search.embedding() == null) {
            throw new ValidationException("query", "a query text or an embedding is required");
        }
        if (search.embedding() != null) {
            if (search.embeddingModel() == null) {
                throw new ValidationException("embedding_model", "is required with embedding");
            }
            VectorCodec.requireWidth(search.embedding(), embeddings.dimensions(), "embedding");
        } else if (search.embeddingModel() != null) {
            throw new ValidationException("embedding", "is required with embedding_model");
        }
        Instant asOf = search.asOf() == null ? Instant.now() : search.asOf();
        EpisodeStore.Filter filter = new EpisodeStore.Filter(search.agentId(), search.customerProfileId(),
                search.sessionId(), search.groupId(), search.types());
        int candidates = Math.max(settings.candidates(), limit);
        int efSearch = Math.max(settings.hnswEfSearch(), candidates);
        Uni<float[]> vector = !mode.usesVector() ? Uni.createFrom().nullItem()
                : search.embedding() != null ? Uni.createFrom().item(search.embedding()) : embeddings.embed(text);
        String model = search.embedding() != null ? search.embeddingModel() : embeddings.model();
        return vector.flatMap(v -> tx.inTenant(tenant, conn -> store.countsByModel(conn, tenant, efSearch).flatMap(counts -> {
            SearchStrategy strategy = SearchStrategy.TEXT;
            if (mode.usesVector()) {
                refuseForeignModel(counts, model);
                strategy = SearchStrategy.forSize(counts.getOrDefault(model, 0L), settings.exactThreshold(), filter.narrow());
            }
            EpisodeStore.Query query = new EpisodeStore.Query(mode, strategy, v, model, text,
                    search.language() == null ? "en" : search.language(), filter, asOf, search.knownAt(), limit,
                    candidates, settings.textWindow(), settings.textMatchCap(), settings.rrfK(),
                    search.recencyWeight() == null ? settings.recencyWeight() : search.recencyWeight(),
                    search.importanceWeight() == null ? settings.importanceWeight() : search.importanceWeight(),
                    settings.recencyHalfLife().toSeconds());
            SearchStrategy chosen = strategy;
            return store.search(conn, tenant, query)
                    .map(hits -> new EpisodeSearchResult(mode, chosen, mode.usesVector() ? model : null, asOf, hits));
        })));
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
        if (c.embedding() != null) {
            if (c.embeddingModel() == null) {
                errors.add(new FieldError(prefix + "embedding_model", "is required with embedding"));
            }
            try {
                VectorCodec.requireWidth(c.embedding(), embeddings.dimensions(), prefix + "embedding");
            } catch (ValidationException e) {
                errors.addAll(e.errors());
            }
        } else if (c.embeddingModel() != null) {
            errors.add(new FieldError(prefix + "embedding", "is required with embedding_model"));
        }
        Instant from = c.validFrom() == null ? Instant.now() : c.validFrom();
        if (c.validTo() != null && !c.validTo().isAfter(from)) {
            errors.add(new FieldError(prefix + "valid_to", "must be after valid_from"));
        }
        return errors;
    }
}
