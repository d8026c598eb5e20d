package dev.agentry.catalog.offering;

import dev.agentry.catalog.CatalogServiceConfig;
import dev.agentry.catalog.blueprint.AttributeDefinition;
import dev.agentry.catalog.blueprint.AttributeDefinitionStore;
import dev.agentry.catalog.blueprint.AttributeValues;
import dev.agentry.catalog.blueprint.TypedValue;
import dev.agentry.catalog.cache.SemanticCacheInvalidation;
import dev.agentry.catalog.support.CatalogErrors;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.embedding.EmbeddingProvider;
import dev.agentry.common.error.ConflictException;
import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.common.vector.VectorCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Offerings and their versions, by plain SQL (the publish is a multi-statement state change that
 * must hold a row lock and the partial unique index's guarantee in one transaction).
 *
 * <p>Lifecycle: a version is created as a {@code draft} and only a draft is edited; publishing a
 * draft archives the previous active version and activates the draft in one transaction, under a
 * lock on the offering row, and embeds the version's text. The database's partial unique index
 * {@code uq_version_active} keeps exactly one active version whatever happens concurrently.
 */
@ApplicationScoped
public class OfferingService {

    static final Map<String, String> UNIQUE = Map.of("uq_offering_code", "code", "uq_offering_identity_key", "identity_key",
            "uq_version_active", "version", "uq_version_number", "version");
    private static final String SCOPE = "offering";

    @Inject
    TenantTransactions tx;

    @Inject
    OfferingStore store;

    @Inject
    AttributeDefinitionStore definitions;

    @Inject
    EmbeddingProvider embeddings;

    @Inject
    CatalogServiceConfig config;

    @Inject
    TenantContext caller;

    @Inject
    SemanticCacheInvalidation cache;

    public Uni<Offering> create(OfferingCreate create) {
        return create(caller.tenantId(), create);
    }

    /** As above, for a caller that names the tenant (import jobs run without a request). */
    public Uni<Offering> create(UUID tenant, OfferingCreate create) {
        UUID id = Ids.newId();
        checkSize(create.draft());
        return tx.inTenant(tenant, conn -> domainExists(conn, create.domainId())
                .chain(() -> store.insertOffering(conn, tenant, id, create))
                .chain(() -> create.draft() == null ? Uni.createFrom().voidItem()
                        : writeDraft(conn, tenant, id, create.domainId(), null, create.draft()))
                .chain(() -> store.find(conn, tenant, id)))
                .map(found -> found.orElseThrow())
                .onFailure().transform(f -> CatalogErrors.translate(f, UNIQUE));
    }

    public Uni<Offering> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id))
                .map(found -> found.orElseThrow(() -> NotFoundException.of("Offering", id)));
    }

    public Uni<Page<Offering>> list(UUID domainId, String type, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.list(conn, tenant, domainId, type, page))
                .map(rows -> Page.of(rows, page, Offering::id));
    }

    public Uni<Void> delete(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.softDelete(conn, tenant, id)
                .call(deleted -> deleted ? cache.offeringChanged(conn, tenant, id) : Uni.createFrom().voidItem())).map(deleted -> {
            if (!deleted) {
                throw NotFoundException.of("Offering", id);
            }
            return null;
        });
    }

    /** A new draft: the next version number, under the offering's lock. */
    public Uni<OfferingVersion> createDraft(UUID offeringId, VersionWrite write) {
        return createDraft(caller.tenantId(), offeringId, write);
    }

    /** As above, for a caller that names the tenant (import jobs run without a request). */
    public Uni<OfferingVersion> createDraft(UUID tenant, UUID offeringId, VersionWrite write) {
        checkSize(write);
        return tx.inTenant(tenant, conn -> locked(conn, tenant, offeringId)
                .chain(offering -> writeDraft(conn, tenant, offeringId, offering.domainId(), null, write)
                        .chain(number -> store.version(conn, tenant, offeringId, number))))
                .map(found -> found.orElseThrow())
                .onFailure().transform(f -> CatalogErrors.translate(f, UNIQUE));
    }

    /** Replaces a draft's content; an active or archived version is never edited (409: make a new draft). */
    public Uni<OfferingVersion> updateDraft(UUID offeringId, int version, VersionWrite write) {
        UUID tenant = caller.tenantId();
        checkSize(write);
        return tx.inTenant(tenant, conn -> locked(conn, tenant, offeringId)
                .chain(offering -> store.version(conn, tenant, offeringId, version).chain(found -> {
                    OfferingVersion v = found.orElseThrow(() -> new NotFoundException("Version " + version + " of offering "
                            + offeringId + " does not exist"));
                    if (!OfferingVersion.DRAFT.equals(v.status())) {
                        throw new ConflictException("status", "version " + version + " is " + v.status()
                                + ": only a draft is edited; create a new draft instead");
                    }
                    return writeDraft(conn, tenant, offeringId, offering.domainId(), v.id(), write);
                }))
                .chain(n -> store.version(conn, tenant, offeringId, version)))
                .map(found -> found.orElseThrow())
                .onFailure().transform(f -> CatalogErrors.translate(f, UNIQUE));
    }

    public Uni<OfferingVersion> version(UUID offeringId, int version) {
        return version(caller.tenantId(), offeringId, version);
    }

    /** As above, for a caller that names the tenant (import jobs run without a request). */
    public Uni<OfferingVersion> version(UUID tenant, UUID offeringId, int version) {
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, offeringId).chain(o -> {
            if (o.isEmpty()) {
                throw NotFoundException.of("Offering", offeringId);
            }
            return store.version(conn, tenant, offeringId, version);
        })).map(found -> found.orElseThrow(() -> new NotFoundException("Version " + version + " of offering " + offeringId
                + " does not exist")));
    }

    public Uni<List<OfferingVersion>> versions(UUID offeringId) {
        return versions(caller.tenantId(), offeringId);
    }

    /** As above, for a caller that names the tenant (import jobs run without a request). */
    public Uni<List<OfferingVersion>> versions(UUID tenant, UUID offeringId) {
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, offeringId).chain(o -> {
            if (o.isEmpty()) {
                throw NotFoundException.of("Offering", offeringId);
            }
            return store.versions(conn, tenant, offeringId);
        }));
    }

    /**
     * Publishes a draft: checks the required attributes (409 listing what is missing), embeds the
     * version's text outside any transaction, then in one transaction under the offering's lock
     * archives the active version and activates this one, if it is still the draft that was embedded.
     */
    public Uni<OfferingVersion> publish(UUID offeringId, int version) {
        return publish(caller.tenantId(), offeringId, version);
    }

    /** As above, for a caller that names the tenant (import jobs run without a request). */
    public Uni<OfferingVersion> publish(UUID tenant, UUID offeringId, int version) {
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, offeringId).chain(found -> {
            Offering offering = found.orElseThrow(() -> NotFoundException.of("Offering", offeringId));
            return store.version(conn, tenant, offeringId, version).chain(v -> {
                OfferingVersion draft = v.orElseThrow(() -> new NotFoundException("Version " + version + " of offering "
                        + offeringId + " does not exist"));
                if (!OfferingVersion.DRAFT.equals(draft.status())) {
                    throw new ConflictException("status", "version " + version + " is " + draft.status() + ", not a draft");
                }
                return definitions.forDomain(conn, tenant, offering.domainId()).map(defs -> {
                    List<FieldError> missing = AttributeValues.missing(defs, draft.attributes().keySet(), SCOPE, "attributes");
                    if (!missing.isEmpty()) {
                        throw CatalogErrors.conflict("missing-attributes", "Required attributes are missing: "
                                + String.join(", ", missing.stream().map(FieldError::field).toList()), missing);
                    }
                    return draft;
                });
            });
        })).chain(draft -> embeddings.embed(embeddingText(draft)).chain(vector -> tx.inTenant(tenant,
                conn -> locked(conn, tenant, offeringId)
                        .chain(o -> store.archiveActive(conn, tenant, offeringId))
                        .chain(archived -> store.activate(conn, tenant, draft.id(), draft.updatedAt(), VectorCodec.toSql(vector),
                                embeddings.model()))
                        .chain(activated -> {
                            if (!activated) {
                                throw new ConflictException("status", "version " + version
                                        + " changed or was published while this publish ran; read it and try again");
                            }
                            // The semantic cache's answers built from this offering go with the change.
                            return store.touch(conn, tenant, offeringId).call(() -> cache.offeringChanged(conn, tenant, offeringId));
                        })
                        .chain(() -> store.version(conn, tenant, offeringId, version)))))
                .map(found -> found.orElseThrow())
                .onFailure().transform(f -> CatalogErrors.translate(f, UNIQUE));
    }

    /** The text a version is embedded from: name, description, then its attributes as "key: value" lines. */
    String embeddingText(OfferingVersion v) {
        StringBuilder text = new StringBuilder(v.name());
        if (v.description() != null && !v.description().isBlank()) {
            text.append('\n').append(v.description());
        }
        v.attributes().forEach((k, value) -> text.append('\n').append(k.replace('_', ' ')).append(": ").append(value));
        int max = config.embeddingTextChars();
        return text.length() <= max ? text.toString() : text.substring(0, max);
    }

    private Uni<Offering> locked(SqlConnection conn, UUID tenant, UUID offeringId) {
        return store.lock(conn, tenant, offeringId).map(found -> found.orElseThrow(() -> NotFoundException.of("Offering", offeringId)));
    }

    /** Writes a new draft ({@code versionId} null) or replaces one; answers the version number written. */
    private Uni<Integer> writeDraft(SqlConnection conn, UUID tenant, UUID offeringId, UUID domainId, UUID versionId, VersionWrite write) {
        return definitions.forDomain(conn, tenant, domainId).chain(defs -> {
            Map<AttributeDefinition, TypedValue> typed = AttributeValues.check(write.attributes(), defs, SCOPE, "attributes");
            if (versionId == null) {
                return store.nextVersion(conn, tenant, offeringId).chain(number -> store.insertVersion(conn, tenant, offeringId, number, write)
                        .chain(id -> store.insertValues(conn, tenant, id, typed)).replaceWith(number));
            }
            return store.updateDraft(conn, tenant, versionId, write).chain(() -> store.insertValues(conn, tenant, versionId, typed))
                    .replaceWith(0);
        });
    }

    private Uni<Void> domainExists(SqlConnection conn, UUID domainId) {
        if (domainId == null) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("SELECT is_archived FROM knowledge_domain WHERE id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(domainId)).map(rows -> {
                    if (rows.size() == 0) {
                        throw new ValidationException("domain_id", "is not a knowledge domain");
                    }
                    if (rows.iterator().next().getBoolean(0)) {
                        throw new ValidationException("domain_id", "is an archived domain");
                    }
                    return null;
                });
    }

    private void checkSize(VersionWrite write) {
        if (write != null && write.attributes() != null && write.attributes().size() > config.maxAttributesPerVersion()) {
            throw new ValidationException("attributes", "must hold at most " + config.maxAttributesPerVersion() + " values");
        }
    }
}
