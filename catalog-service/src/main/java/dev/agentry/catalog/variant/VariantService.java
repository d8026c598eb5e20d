package dev.agentry.catalog.variant;

import dev.agentry.catalog.blueprint.AttributeDefinitionStore;
import dev.agentry.catalog.blueprint.AttributeValues;
import dev.agentry.catalog.support.CatalogErrors;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.NotFoundException;
import dev.agentry.common.id.Ids;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Variants (SKUs) of offerings; their attributes are the domain's variant-scope definitions, checked. */
@ApplicationScoped
public class VariantService {

    static final Map<String, String> UNIQUE = Map.of("uq_variant_sku", "sku");

    @Inject
    TenantTransactions tx;

    @Inject
    VariantStore store;

    @Inject
    AttributeDefinitionStore definitions;

    @Inject
    TenantContext caller;

    public Uni<Variant> create(UUID offeringId, VariantCreate create) {
        return create(caller.tenantId(), offeringId, create);
    }

    /** As above, for a caller that names the tenant (import jobs run without a request). */
    public Uni<Variant> create(UUID tenant, UUID offeringId, VariantCreate create) {
        return tx.inTenant(tenant, conn -> store.offeringDomain(conn, tenant, offeringId).chain(domain -> {
            if (domain.isEmpty()) {
                throw NotFoundException.of("Offering", offeringId);
            }
            return definitions.forDomain(conn, tenant, domain.get().orElse(null));
        }).chain(defs -> {
            Map<String, Object> attributes = new LinkedHashMap<>();
            AttributeValues.check(create.attributes(), defs, "variant", "attributes")
                    .forEach((def, value) -> attributes.put(def.key(), value.wire()));
            return store.insert(conn, tenant, Ids.newId(), offeringId, create, attributes);
        })).onFailure().transform(f -> CatalogErrors.translate(f, UNIQUE));
    }

    public Uni<Variant> get(UUID id) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.find(conn, tenant, id))
                .map(found -> found.orElseThrow(() -> NotFoundException.of("Variant", id)));
    }

    public Uni<Page<Variant>> list(UUID offeringId, PageRequest page) {
        UUID tenant = caller.tenantId();
        return tx.inTenant(tenant, conn -> store.offeringDomain(conn, tenant, offeringId).chain(domain -> {
            if (domain.isEmpty()) {
                throw NotFoundException.of("Offering", offeringId);
            }
            return store.list(conn, tenant, offeringId, page);
        })).map(rows -> Page.of(rows, page, Variant::id));
    }
}
