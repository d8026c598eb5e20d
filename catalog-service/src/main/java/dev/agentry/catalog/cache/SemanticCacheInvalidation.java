package dev.agentry.catalog.cache;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Explicit invalidation: the FAQ, offering and bot write paths call this inside their own
 * transaction, after their change, so the entries built from what changed are deleted atomically
 * with the change (a rollback keeps both). A fill share-locks its sources, so a change concurrent
 * with a fill waits for it and then deletes its entry too (its DELETE is a new statement, which sees
 * the committed fill).
 */
@ApplicationScoped
public class SemanticCacheInvalidation {

    /** An FAQ entry was replaced or deleted. */
    public Uni<Integer> faqChanged(SqlConnection conn, UUID tenant, UUID faqId) {
        return sourceChanged(conn, tenant, "faq", faqId);
    }

    /** An offering was published (a new active version) or deleted. */
    public Uni<Integer> offeringChanged(SqlConnection conn, UUID tenant, UUID offeringId) {
        return sourceChanged(conn, tenant, "offering", offeringId);
    }

    /**
     * A variant's price was written: the entries built from its offering. The offering row is
     * locked first, so a fill naming the offering (which share-locks it) waits for the change.
     */
    public Uni<Integer> variantPriceChanged(SqlConnection conn, UUID tenant, UUID variantId) {
        return conn.preparedQuery("SELECT o.id FROM tenant_offering o JOIN tenant_offering_variant v ON v.tenant_id = o.tenant_id "
                + "AND v.offering_id = o.id WHERE v.tenant_id = $1 AND v.id = $2 FOR NO KEY UPDATE OF o")
                .execute(Tuple.of(tenant, variantId))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(0)
                        : sourceChanged(conn, tenant, "offering", rows.iterator().next().getUUID("id")));
    }

    /** A bot version is going away (its entries also cascade with it). */
    public Uni<Integer> botVersionChanged(SqlConnection conn, UUID tenant, UUID versionId) {
        return conn.preparedQuery("DELETE FROM tenant_semantic_cache WHERE tenant_id = $1 AND bot_version_id = $2")
                .execute(Tuple.of(tenant, versionId)).map(rows -> rows.rowCount());
    }

    /** A bot was archived: the entries of every one of its versions. */
    public Uni<Integer> botChanged(SqlConnection conn, UUID tenant, UUID botId) {
        return conn.preparedQuery("DELETE FROM tenant_semantic_cache WHERE tenant_id = $1 AND bot_version_id IN "
                + "(SELECT id FROM bot_version WHERE tenant_id = $1 AND bot_id = $2)")
                .execute(Tuple.of(tenant, botId)).map(rows -> rows.rowCount());
    }

    private static Uni<Integer> sourceChanged(SqlConnection conn, UUID tenant, String type, UUID sourceId) {
        return conn.preparedQuery("DELETE FROM tenant_semantic_cache WHERE tenant_id = $1 AND id IN (SELECT cache_id FROM "
                + "tenant_semantic_cache_source WHERE tenant_id = $1 AND source_type = $2 AND source_id = $3)")
                .execute(Tuple.of(tenant, type, sourceId)).map(rows -> rows.rowCount());
    }
}
