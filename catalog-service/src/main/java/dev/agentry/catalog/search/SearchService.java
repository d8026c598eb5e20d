package dev.agentry.catalog.search;

import dev.agentry.catalog.CatalogServiceConfig;
import dev.agentry.catalog.support.SqlParams;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.search.IndexSearchSettings;
import dev.agentry.common.search.QueryVectors;
import dev.agentry.common.search.SearchMode;
import dev.agentry.common.search.SearchStrategy;
import dev.agentry.common.tenant.TenantContext;
import dev.agentry.common.vector.VectorCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Hybrid offering search: checks the request, embeds the query, picks the vector strategy, runs one statement. */
@ApplicationScoped
public class SearchService {

    @Inject
    TenantTransactions tx;

    @Inject
    SearchStore store;

    @Inject
    QueryVectors vectors;

    @Inject
    CatalogServiceConfig config;

    @Inject
    TenantContext caller;

    public Uni<OfferingSearchResult> search(OfferingSearch s) {
        SearchMode mode = s.mode() == null ? SearchMode.HYBRID : s.mode();
        String text = s.query() == null || s.query().isBlank() ? null : s.query().strip();
        if (mode.usesText() && text == null) {
            throw new ValidationException("query", "is required in " + mode.name().toLowerCase() + " mode");
        }
        checkFilters(s.filters());
        if (s.price() != null && s.price().min() != null && s.price().max() != null && s.price().min().compareTo(s.price().max()) > 0) {
            throw new ValidationException("price.max", "must not be less than price.min");
        }
        UUID tenant = caller.tenantId();
        Uni<float[]> vector = mode.usesVector() ? vectors.of(text, s.embedding(), s.embeddingModel(), QueryVectors.FIELDS)
                : Uni.createFrom().nullItem();
        return vector.chain(v -> tx.inTenant(tenant, conn -> plan(conn, tenant, s, mode, text, v)
                .chain(plan -> (plan.strategy() == SearchStrategy.INDEX
                        ? IndexSearchSettings.efSearch(conn, Math.max(40, config.search().candidates()))
                        : Uni.createFrom().voidItem())
                        .chain(() -> store.search(conn, plan.plan()))
                        .map(hits -> new OfferingSearchResult(mode, plan.strategy(), hits)))));
    }

    private record Planned(SearchStore.Plan plan, SearchStrategy strategy) {
    }

    private Uni<Planned> plan(SqlConnection conn, UUID tenant, OfferingSearch s, SearchMode mode, String text, float[] vector) {
        SqlParams params = new SqlParams();
        String t = params.add(tenant);
        List<String> keys = s.filters() == null ? List.of() : s.filters().stream().map(AttributeFilter::key).distinct().toList();
        Uni<Map<String, List<String[]>>> defs = keys.isEmpty() ? Uni.createFrom().item(Map.of()) : store.definitions(conn, tenant, keys);
        Uni<UUID> channel = s.price() == null || s.price().channel() == null ? Uni.createFrom().nullItem()
                : store.channelId(conn, tenant, s.price().channel()).map(found -> found.orElseThrow(
                        () -> new ValidationException("price.channel", "is not a channel of this tenant")));
        // Counted only as far as the threshold decides: exact at or below it, the index above.
        Uni<Long> size = mode.usesVector() ? store.activeCount(conn, tenant, config.search().exactThreshold() + 1)
                : Uni.createFrom().item(0L);
        return Uni.combine().all().unis(defs, channel, size).asTuple().map(r -> {
            StringBuilder p = new StringBuilder("v.tenant_id = " + t + " AND v.status = 'active'");
            p.append(" AND EXISTS (SELECT 1 FROM tenant_offering o WHERE o.tenant_id = v.tenant_id AND o.id = v.offering_id "
                    + "AND o.deleted_at IS NULL");
            if (s.domainId() != null) {
                p.append(" AND o.domain_id = ").append(params.add(s.domainId()));
            }
            if (s.offeringType() != null) {
                p.append(" AND o.offering_type = ").append(params.add(s.offeringType()));
            }
            p.append(")");
            if (s.filters() != null) {
                for (int i = 0; i < s.filters().size(); i++) {
                    p.append(" AND ").append(filter(params, s.filters().get(i), r.getItem1().get(s.filters().get(i).key()), i));
                }
            }
            if (s.price() != null) {
                p.append(" AND ").append(price(params, s.price(), r.getItem2()));
            }
            if (Boolean.TRUE.equals(s.inStock())) {
                p.append(" AND EXISTS (SELECT 1 FROM tenant_offering_variant var JOIN tenant_inventory_item i "
                        + "ON i.tenant_id = var.tenant_id AND i.variant_id = var.id WHERE var.tenant_id = v.tenant_id "
                        + "AND var.offering_id = v.offering_id AND var.status = 'active' AND i.stock_qty > i.safety_stock)");
            }
            SearchStrategy strategy = mode.usesVector()
                    ? SearchStrategy.choose(s.strategy() == null ? SearchStrategy.AUTO : s.strategy(), r.getItem3(),
                            config.search().exactThreshold(), false)
                    : null;
            String vectorParam = vector == null ? null : params.add(VectorCodec.toSql(vector));
            String model = vector == null ? null : params.add(vectors.model());
            String textParam = mode.usesText() ? params.add(text) : null;
            String threshold = mode.usesText() ? params.add(config.search().trigramThreshold()) : null;
            int limit = s.limit() == null ? config.search().defaultLimit() : s.limit();
            String textCap = mode.usesText() ? params.add(config.search().textMatchCap()) : null;
            String textWindow = mode.usesText() ? params.add(config.search().textWindow()) : null;
            SearchStore.Plan plan = new SearchStore.Plan(params, t, p.toString(), mode.usesVector(),
                    strategy == SearchStrategy.EXACT, vectorParam, model, textParam, threshold, textCap, textWindow,
                    params.add(Math.max(config.search().candidates(), limit)), params.add(config.search().rrfK()), params.add(limit));
            return new Planned(plan, strategy);
        });
    }

    /** One attribute filter as a predicate on version {@code v}: the version's own value, or any active variant's. */
    private static String filter(SqlParams params, AttributeFilter f, List<String[]> scopes, int index) {
        String field = "filters[" + index + "]";
        if (scopes == null || scopes.isEmpty()) {
            throw new ValidationException(field + ".key", "is not a defined attribute");
        }
        String key = params.add(f.key());
        List<String> alternatives = new ArrayList<>();
        for (String[] scope : scopes) {
            String type = scope[1];
            boolean variant = "variant".equals(scope[0]);
            String column;
            if ("number".equals(type)) {
                column = variant ? "CASE WHEN jsonb_typeof(var.attributes -> " + key + ") = 'number' THEN (var.attributes ->> " + key
                        + ")::numeric END" : "a.value_number";
            } else if ("text".equals(type)) {
                column = variant ? "(var.attributes ->> " + key + ")" : "a.value_text";
            } else if ("boolean".equals(type)) {
                column = variant ? "CASE WHEN jsonb_typeof(var.attributes -> " + key + ") = 'boolean' THEN (var.attributes ->> " + key
                        + ")::boolean END" : "a.value_bool";
            } else {
                throw new ValidationException(field + ".key", "is a json attribute, which cannot be filtered");
            }
            String condition = condition(params, f, type, column, field);
            alternatives.add(variant
                    ? "EXISTS (SELECT 1 FROM tenant_offering_variant var WHERE var.tenant_id = v.tenant_id AND var.offering_id = v.offering_id "
                            + "AND var.status = 'active' AND " + condition + ")"
                    : "EXISTS (SELECT 1 FROM tenant_offering_attribute_value a JOIN domain_attribute_definition d ON d.id = a.attribute_def_id "
                            + "WHERE a.tenant_id = v.tenant_id AND a.offering_version_id = v.id AND d.key = " + key + " AND " + condition + ")");
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }

    private static String condition(SqlParams params, AttributeFilter f, String type, String column, String field) {
        switch (f.op()) {
            case "eq" -> {
                return column + " = " + typedParam(params, f.value(), type, field + ".value");
            }
            case "gt", "gte", "lt", "lte" -> {
                if (!"number".equals(type)) {
                    throw new ValidationException(field + ".op", f.op() + " applies to number attributes only");
                }
                String op = switch (f.op()) {
                    case "gt" -> ">";
                    case "gte" -> ">=";
                    case "lt" -> "<";
                    default -> "<=";
                };
                return column + " " + op + " " + typedParam(params, f.value(), type, field + ".value");
            }
            case "between" -> {
                if (!"number".equals(type) || f.values() == null || f.values().size() != 2) {
                    throw new ValidationException(field + ".values", "between needs two numbers, of a number attribute");
                }
                return column + " BETWEEN " + typedParam(params, f.values().get(0), type, field + ".values[0]") + " AND "
                        + typedParam(params, f.values().get(1), type, field + ".values[1]");
            }
            default -> {
                if (f.values() == null || f.values().isEmpty() || f.values().size() > 100) {
                    throw new ValidationException(field + ".values", "in needs 1 to 100 values");
                }
                List<String> items = new ArrayList<>();
                for (int i = 0; i < f.values().size(); i++) {
                    items.add(typedParam(params, f.values().get(i), type, field + ".values[" + i + "]"));
                }
                return column + " IN (" + String.join(", ", items) + ")";
            }
        }
    }

    private static String typedParam(SqlParams params, Object value, String type, String field) {
        switch (type) {
            case "number" -> {
                if (!(value instanceof Number n)) {
                    throw new ValidationException(field, "must be a number");
                }
                BigDecimal d = dev.agentry.catalog.blueprint.AttributeValues.decimal(n);
                if (d == null) {
                    throw new ValidationException(field, "must be a finite number");
                }
                return params.add(d) + "::numeric";
            }
            case "boolean" -> {
                if (!(value instanceof Boolean b)) {
                    throw new ValidationException(field, "must be true or false");
                }
                return params.add(b) + "::boolean";
            }
            default -> {
                if (!(value instanceof String str)) {
                    throw new ValidationException(field, "must be a string");
                }
                return params.add(str) + "::text";
            }
        }
    }

    /** An active variant whose price now lies in the range (the channel's list first, else the default list). */
    private static String price(SqlParams params, PriceFilter f, UUID channelId) {
        String currency = params.add(f.currency());
        String channel = params.add(channelId);
        StringBuilder range = new StringBuilder();
        if (f.min() != null) {
            range.append(" AND pr.amount >= ").append(params.add(f.min())).append("::numeric");
        }
        if (f.max() != null) {
            range.append(" AND pr.amount <= ").append(params.add(f.max())).append("::numeric");
        }
        return "EXISTS (SELECT 1 FROM tenant_offering_variant var CROSS JOIN LATERAL (SELECT p.amount FROM tenant_variant_price p "
                + "JOIN tenant_price_list l ON l.tenant_id = p.tenant_id AND l.id = p.price_list_id WHERE p.tenant_id = var.tenant_id "
                + "AND p.variant_id = var.id AND p.currency = " + currency + " AND (l.channel_id = " + channel + "::uuid OR l.channel_id IS NULL) "
                + "AND (l.valid_from IS NULL OR l.valid_from <= now()) AND (l.valid_to IS NULL OR l.valid_to > now()) "
                + "ORDER BY (l.channel_id IS NULL) LIMIT 1) pr WHERE var.tenant_id = v.tenant_id AND var.offering_id = v.offering_id "
                + "AND var.status = 'active'" + range + ")";
    }

    private static void checkFilters(List<AttributeFilter> filters) {
        if (filters == null) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            AttributeFilter f = filters.get(i);
            boolean many = "between".equals(f.op()) || "in".equals(f.op());
            if (many ? f.values() == null : f.value() == null) {
                errors.add(new FieldError("filters[" + i + "]." + (many ? "values" : "value"), "is required for " + f.op()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
