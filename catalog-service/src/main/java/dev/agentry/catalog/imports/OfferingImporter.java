package dev.agentry.catalog.imports;

import dev.agentry.catalog.inventory.InventoryService;
import dev.agentry.catalog.inventory.StockAdjust;
import dev.agentry.catalog.offering.OfferingCreate;
import dev.agentry.catalog.offering.OfferingService;
import dev.agentry.catalog.offering.OfferingVersion;
import dev.agentry.catalog.offering.VersionWrite;
import dev.agentry.catalog.pricing.PriceWrite;
import dev.agentry.catalog.pricing.PricingService;
import dev.agentry.catalog.variant.VariantCreate;
import dev.agentry.catalog.variant.VariantService;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.ServiceException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Applies one offerings row through the services the API uses (their checks, embedding at publish,
 * conditional stock updates), each step its own transaction, and only where the row differs from
 * what is there: the offering by {@code code} (created if missing), its version (a new draft
 * published when the name, description or attributes differ from the latest version; a draft
 * left unpublished by an earlier run is published), the variant by {@code sku} (created if
 * missing), the price (written if it differs), the stock (adjusted by the difference to
 * {@code stock_qty}). Importing the same row twice changes nothing the second time. A step that is
 * refused ends the row with its errors; the steps before it stay.
 */
@ApplicationScoped
public class OfferingImporter {

    @Inject
    TenantTransactions tx;

    @Inject
    ImportJobStore store;

    @Inject
    OfferingService offerings;

    @Inject
    VariantService variants;

    @Inject
    PricingService pricing;

    @Inject
    InventoryService inventory;

    /** The row's errors (empty when it is imported); a failure other than a refusal fails the Uni. */
    Uni<List<ImportRowError>> apply(UUID tenant, int row, OfferingRow r) {
        return offering(tenant, r)
                .chain(offeringId -> version(tenant, offeringId, r).replaceWith(offeringId))
                .chain(offeringId -> r.sku() == null ? Uni.createFrom().item(List.<ImportRowError> of())
                        : variant(tenant, offeringId, r).chain(variantId -> price(tenant, variantId, r).chain(() -> stock(tenant, variantId, r)))
                                .replaceWith(List.<ImportRowError> of()))
                .onFailure(RowRefused.class).recoverWithItem(f -> ((RowRefused) f).errors(row));
    }

    private Uni<UUID> offering(UUID tenant, OfferingRow r) {
        return tx.inTenant(tenant, conn -> (r.domainCode() == null ? Uni.createFrom().item(Optional.<UUID> empty())
                : store.domainByCode(conn, r.domainCode()).map(d -> {
                    if (d.isEmpty()) {
                        throw refused("domain_code", "is not a knowledge domain");
                    }
                    return d;
                })).chain(domain -> store.offeringByCode(conn, tenant, r.code()).map(existing -> new Object[] { domain, existing })))
                .chain(found -> {
                    @SuppressWarnings("unchecked")
                    Optional<UUID> existing = (Optional<UUID>) found[1];
                    if (existing.isPresent()) {
                        return Uni.createFrom().item(existing.get());
                    }
                    @SuppressWarnings("unchecked")
                    UUID domainId = ((Optional<UUID>) found[0]).orElse(null);
                    return step(offerings.create(tenant, new OfferingCreate(domainId, null, r.offeringType(), r.code(), r.identityKey(),
                            content(r))), f -> f.equals("domain_id") ? "domain_code" : f.startsWith("draft.") ? f.substring(6) : f)
                            .map(o -> o.id());
                });
    }

    /** Publishes the row's content unless the latest version is that content and active. */
    private Uni<Void> version(UUID tenant, UUID offeringId, OfferingRow r) {
        // The list leaves attribute values out: the latest version is read whole.
        return step(offerings.versions(tenant, offeringId), UnaryOperator.identity())
                .chain(all -> all.stream().max(Comparator.comparingInt(OfferingVersion::version))
                        .map(v -> step(offerings.version(tenant, offeringId, v.version()), UnaryOperator.identity()).map(Optional::of))
                        .orElse(Uni.createFrom().item(Optional.empty())))
                .chain(latest -> {
            if (latest.isPresent() && r.sameContent(latest.get().name(), latest.get().description(), latest.get().attributes())) {
                if (OfferingVersion.DRAFT.equals(latest.get().status())) {
                    return publish(tenant, offeringId, latest.get().version());
                }
                return Uni.createFrom().voidItem();
            }
            return step(offerings.createDraft(tenant, offeringId, content(r)), UnaryOperator.identity())
                    .chain(draft -> publish(tenant, offeringId, draft.version()));
        });
    }

    private Uni<Void> publish(UUID tenant, UUID offeringId, int version) {
        return step(offerings.publish(tenant, offeringId, version), UnaryOperator.identity()).replaceWithVoid();
    }

    private Uni<UUID> variant(UUID tenant, UUID offeringId, OfferingRow r) {
        return tx.inTenant(tenant, conn -> store.variantBySku(conn, tenant, r.sku())).chain(existing -> {
            if (existing.isPresent()) {
                if (!existing.get().offeringId().equals(offeringId)) {
                    throw refused("sku", "belongs to another offering of this tenant");
                }
                return Uni.createFrom().item(existing.get().id());
            }
            return step(variants.create(tenant, offeringId, new VariantCreate(r.sku(), r.variantName(), r.variantAttributes())),
                    f -> f.startsWith("attributes") ? "variant_" + f : f).map(v -> v.id());
        });
    }

    private Uni<Void> price(UUID tenant, UUID variantId, OfferingRow r) {
        if (r.priceList() == null) {
            return Uni.createFrom().voidItem();
        }
        return tx.inTenant(tenant, conn -> store.priceListByCode(conn, tenant, r.priceList()).chain(list -> {
            if (list.isEmpty()) {
                throw refused("price_list", "is not a price list of this tenant");
            }
            return store.price(conn, tenant, list.get(), variantId).map(current -> new Object[] { list.get(), current });
        })).chain(found -> {
            UUID listId = (UUID) found[0];
            @SuppressWarnings("unchecked")
            Optional<ImportJobStore.CurrentPrice> current = (Optional<ImportJobStore.CurrentPrice>) found[1];
            if (current.isPresent() && current.get().amount().compareTo(r.amount()) == 0
                    && sameDecimal(current.get().compareAt(), r.compareAt())) {
                return Uni.createFrom().voidItem();
            }
            return step(pricing.putPrice(tenant, listId, new PriceWrite(variantId, r.amount(), r.compareAt())),
                    f -> f.equals("variant_id") ? "sku" : f).replaceWithVoid();
        });
    }

    private Uni<Void> stock(UUID tenant, UUID variantId, OfferingRow r) {
        if (r.location() == null) {
            return Uni.createFrom().voidItem();
        }
        return tx.inTenant(tenant, conn -> store.locationByCode(conn, tenant, r.location()).chain(location -> {
            if (location.isEmpty()) {
                throw refused("location", "is not an inventory location of this tenant");
            }
            return store.stock(conn, tenant, variantId, location.get()).map(current -> new Object[] { location.get(), current });
        })).chain(found -> {
            UUID locationId = (UUID) found[0];
            @SuppressWarnings("unchecked")
            Optional<ImportJobStore.CurrentStock> current = (Optional<ImportJobStore.CurrentStock>) found[1];
            int now = current.map(ImportJobStore.CurrentStock::stockQty).orElse(0);
            int delta = r.stockQty() - now;
            boolean safetyChanges = r.safetyStock() != null
                    && !Objects.equals(current.map(ImportJobStore.CurrentStock::safetyStock).orElse(null), r.safetyStock());
            if (delta == 0 && !safetyChanges && current.isPresent()) {
                return Uni.createFrom().voidItem();
            }
            return step(inventory.adjust(tenant, variantId, new StockAdjust(locationId, delta, r.safetyStock())),
                    f -> f.equals("delta") ? "stock_qty" : f.equals("location_id") ? "location" : f).replaceWithVoid();
        });
    }

    private static VersionWrite content(OfferingRow r) {
        return new VersionWrite(r.name(), r.description(), r.attributes());
    }

    private static boolean sameDecimal(java.math.BigDecimal a, java.math.BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    /** A service call whose refusal (a 4xx {@link ServiceException}) becomes the row's errors, fields renamed to columns. */
    private static <T> Uni<T> step(Uni<T> call, UnaryOperator<String> column) {
        return call.onFailure(ServiceException.class).transform(f -> {
            ServiceException e = (ServiceException) f;
            if (e.status() >= 500) {
                return f;
            }
            List<FieldError> fields = e.errors() == null || e.errors().isEmpty() ? List.of(new FieldError("$", e.getMessage()))
                    : e.errors();
            return new RowRefused(fields.stream().map(fe -> new FieldError(column.apply(fe.field()), fe.message())).toList());
        });
    }

    private static RowRefused refused(String field, String message) {
        return new RowRefused(List.of(new FieldError(field, message)));
    }

    /** A row the services refused, with what they said (never leaves this class). */
    static final class RowRefused extends RuntimeException {

        private final List<FieldError> fields;

        RowRefused(List<FieldError> fields) {
            super(null, null, false, false);
            this.fields = fields;
        }

        List<ImportRowError> errors(int row) {
            return fields.stream().map(f -> new ImportRowError(row, f.field(), f.message())).toList();
        }
    }

}
