package dev.agentry.catalog.pricing;

import dev.agentry.catalog.cache.SemanticCacheInvalidation;
import dev.agentry.catalog.support.CatalogErrors;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.panache.tenancy.TenantSessions;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Channels and price lists are plain entities (Hibernate Reactive Panache through
 * {@link TenantSessions}); prices and price resolution are SQL (an upsert on the one-row-per-key
 * constraint, and a resolution query that the exclusion constraint keeps unambiguous).
 */
@ApplicationScoped
public class PricingService {

    static final Map<String, String> UNIQUE = Map.of("uq_channel_code", "code", "uq_price_list_code", "code",
            "ex_price_list_overlap", "valid_from");

    @Inject
    TenantSessions sessions;

    @Inject
    TenantTransactions tx;

    @Inject
    PriceStore prices;

    @Inject
    TenantContext caller;

    @Inject
    SemanticCacheInvalidation cache;

    public Uni<Channel> createChannel(ChannelCreate create) {
        ChannelEntity e = new ChannelEntity();
        e.id = Ids.newId();
        e.tenantId = caller.tenantId();
        e.code = create.code();
        e.name = create.name();
        e.active = create.isActive() == null || create.isActive();
        e.createdAt = Instant.now();
        return sessions.inTenant(e.tenantId, () -> e.<ChannelEntity> persistAndFlush()).map(ChannelEntity::view)
                .onFailure().transform(f -> CatalogErrors.translate(f, UNIQUE));
    }

    public Uni<List<Channel>> channels() {
        UUID tenant = caller.tenantId();
        return sessions.inTenant(tenant, () -> ChannelEntity.<ChannelEntity> list("tenantId", Sort.by("code"), tenant))
                .map(rows -> rows.stream().map(ChannelEntity::view).toList());
    }

    public Uni<PriceList> createPriceList(PriceListCreate create) {
        if (create.validFrom() != null && create.validTo() != null && !create.validFrom().isBefore(create.validTo())) {
            throw new ValidationException("valid_to", "must be after valid_from");
        }
        UUID tenant = caller.tenantId();
        PriceListEntity e = new PriceListEntity();
        e.id = Ids.newId();
        e.tenantId = tenant;
        e.channelId = create.channelId();
        e.code = create.code().strip();
        e.currency = create.currency();
        e.validFrom = create.validFrom();
        e.validTo = create.validTo();
        e.createdAt = Instant.now();
        return sessions.inTenant(tenant, () -> (create.channelId() == null ? Uni.createFrom().voidItem()
                : ChannelEntity.<ChannelEntity> find("tenantId = ?1 and id = ?2", tenant, create.channelId()).firstResult()
                        .map(channel -> {
                            if (channel == null) {
                                throw new ValidationException("channel_id", "is not a channel of this tenant");
                            }
                            return null;
                        }))
                .chain(v -> e.<PriceListEntity> persistAndFlush()))
                .map(PriceListEntity::view)
                .onFailure().transform(f -> CatalogErrors.translate(f, UNIQUE));
    }

    public Uni<List<PriceList>> priceLists(UUID channelId) {
        UUID tenant = caller.tenantId();
        return sessions.inTenant(tenant, () -> channelId == null
                ? PriceListEntity.<PriceListEntity> list("tenantId", Sort.by("code"), tenant)
                : PriceListEntity.<PriceListEntity> list("tenantId = ?1 and channelId = ?2", Sort.by("code"), tenant, channelId))
                .map(rows -> rows.stream().map(PriceListEntity::view).toList());
    }

    public Uni<VariantPrice> putPrice(UUID listId, PriceWrite write) {
        return putPrice(caller.tenantId(), listId, write);
    }

    /** As above, for a caller that names the tenant (import jobs run without a request). */
    public Uni<VariantPrice> putPrice(UUID tenant, UUID listId, PriceWrite write) {
        return tx.inTenant(tenant, conn -> prices.listCurrency(conn, tenant, listId).chain(currency -> {
            if (currency.isEmpty()) {
                throw NotFoundException.of("Price list", listId);
            }
            return prices.variantExists(conn, tenant, write.variantId()).chain(exists -> {
                if (!exists) {
                    throw new ValidationException("variant_id", "is not a variant of this tenant");
                }
                // The semantic cache's answers built from the variant's offering go with the new price.
                return cache.variantPriceChanged(conn, tenant, write.variantId())
                        .chain(() -> prices.upsert(conn, tenant, listId, currency.get(), write));
            });
        })).onFailure().transform(f -> CatalogErrors.translate(f, UNIQUE));
    }

    public Uni<List<VariantPrice>> prices(UUID listId) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> prices.listCurrency(conn, tenant, listId).chain(currency -> {
            if (currency.isEmpty()) {
                throw NotFoundException.of("Price list", listId);
            }
            return prices.prices(conn, tenant, listId);
        }));
    }

    /** The price that applies to a variant on a channel (by code; none: the default list only) at an instant. */
    public Uni<VariantPrice> resolve(UUID variantId, String channel, String currency, Instant at) {
        if (currency == null || !currency.matches("^[A-Z]{3}$")) {
            throw new ValidationException("currency", "is required: a three-letter upper-case ISO 4217 code such as VND");
        }
        UUID tenant = caller.tenantId();
        Instant when = at == null ? Instant.now() : at;
        return tx.inTenant(tenant, conn -> prices.variantExists(conn, tenant, variantId).chain(exists -> {
            if (!exists) {
                throw NotFoundException.of("Variant", variantId);
            }
            if (channel == null || channel.isBlank()) {
                return Uni.createFrom().item(Optional.<UUID> empty());
            }
            return prices.channelId(conn, tenant, channel).map(id -> {
                if (id.isEmpty()) {
                    throw new NotFoundException("Channel " + channel + " does not exist");
                }
                return id;
            });
        }).chain(channelId -> prices.resolve(conn, tenant, variantId, channelId.orElse(null), currency, when)))
                .map(found -> found.orElseThrow(() -> new NotFoundException("No price of variant " + variantId + " in " + currency
                        + (channel == null ? "" : " on channel " + channel) + " applies at " + when)));
    }
}
