package dev.agentry.catalog.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One record of an offerings import, checked when the file is read: the offering ({@code code},
 * {@code offering_type}, {@code identity_key}, {@code domain_code}), its version content
 * ({@code name}, {@code description}, {@code attributes}), optionally one variant ({@code sku},
 * {@code variant_name}, {@code variant_attributes}), its price in a price list ({@code price_list},
 * {@code amount}, {@code compare_at}) and its stock at a location ({@code location},
 * {@code stock_qty}, {@code safety_stock}).
 */
record OfferingRow(String code, String offeringType, String identityKey, String domainCode, String name, String description,
        Map<String, Object> attributes, String sku, String variantName, Map<String, Object> variantAttributes, String priceList,
        BigDecimal amount, BigDecimal compareAt, String location, Integer stockQty, Integer safetyStock) {

    static final List<String> COLUMNS = List.of("code", "offering_type", "identity_key", "domain_code", "name", "description",
            "attributes", "sku", "variant_name", "variant_attributes", "price_list", "amount", "compare_at", "location", "stock_qty",
            "safety_stock");
    static final Set<String> TYPES = Set.of("physical", "service", "asset", "financial");

    /** The row, or null with its errors added to {@code errors}. */
    static OfferingRow parse(Map<String, Object> record, int row, ObjectMapper json, List<ImportRowError> errors) {
        int before = errors.size();
        if (record == null) {
            errors.add(new ImportRowError(row, "$", "must be an object"));
            return null;
        }
        for (String key : record.keySet()) {
            if (!COLUMNS.contains(key)) {
                errors.add(new ImportRowError(row, key, "is not a column of an offerings import"));
            }
        }
        ImportCells c = new ImportCells(record, row, errors, json);
        String code = c.text("code", 100, true);
        String type = c.text("offering_type", 20, false);
        if (type == null) {
            type = "physical";
        } else if (!TYPES.contains(type)) {
            errors.add(new ImportRowError(row, "offering_type", "must be physical, service, asset or financial"));
        }
        String identityKey = c.text("identity_key", 200, false);
        String domainCode = c.text("domain_code", 64, false);
        String name = c.text("name", 500, true);
        String description = c.text("description", 20000, false);
        Map<String, Object> attributes = c.object("attributes");
        String sku = c.text("sku", 100, false);
        String variantName = c.text("variant_name", 500, false);
        Map<String, Object> variantAttributes = c.object("variant_attributes");
        String priceList = c.text("price_list", 100, false);
        BigDecimal amount = c.decimal("amount");
        BigDecimal compareAt = c.decimal("compare_at");
        String location = c.text("location", 100, false);
        Integer stock = c.integer("stock_qty");
        Integer safety = c.integer("safety_stock");
        if (sku == null) {
            for (String dependent : List.of("variant_name", "variant_attributes", "price_list", "amount", "compare_at", "location",
                    "stock_qty", "safety_stock")) {
                if (c.present(dependent)) {
                    errors.add(new ImportRowError(row, dependent, "needs a sku (prices and stock are a variant's)"));
                }
            }
        }
        if (c.present("price_list") != c.present("amount")) {
            errors.add(new ImportRowError(row, c.present("price_list") ? "amount" : "price_list", "price_list and amount come together"));
        }
        if (c.present("compare_at") && !c.present("price_list")) {
            errors.add(new ImportRowError(row, "compare_at", "needs price_list and amount"));
        }
        if (c.present("location") != c.present("stock_qty")) {
            errors.add(new ImportRowError(row, c.present("location") ? "stock_qty" : "location", "location and stock_qty come together"));
        }
        if (c.present("safety_stock") && !c.present("location")) {
            errors.add(new ImportRowError(row, "safety_stock", "needs location and stock_qty"));
        }
        if (errors.size() > before) {
            return null;
        }
        return new OfferingRow(code, type, identityKey, domainCode, name, description, attributes, sku, variantName, variantAttributes,
                priceList, amount, compareAt, location, stock, safety);
    }

    /** What raw_data keeps of a checked row (amounts as strings: exact). */
    Map<String, Object> toRecord() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("offering_type", offeringType);
        m.put("identity_key", identityKey);
        m.put("domain_code", domainCode);
        m.put("name", name);
        m.put("description", description);
        m.put("attributes", attributes);
        m.put("sku", sku);
        m.put("variant_name", variantName);
        m.put("variant_attributes", variantAttributes);
        m.put("price_list", priceList);
        m.put("amount", amount == null ? null : amount.toPlainString());
        m.put("compare_at", compareAt == null ? null : compareAt.toPlainString());
        m.put("location", location);
        m.put("stock_qty", stockQty);
        m.put("safety_stock", safetyStock);
        return m;
    }

    /** The version content, to compare with what an offering already has. */
    boolean sameContent(String otherName, String otherDescription, Map<String, Object> otherAttributes) {
        return name.equals(otherName) && java.util.Objects.equals(blankToNull(description), blankToNull(otherDescription))
                && JsonValues.same(attributes, otherAttributes == null ? Map.of() : otherAttributes);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
