package dev.agentry.catalog.support;

import dev.agentry.common.error.ConflictException;
import dev.agentry.common.error.FieldError;
import dev.agentry.common.error.ServiceException;
import dev.agentry.panache.tenancy.PersistenceFailures;
import java.util.List;
import java.util.Map;

/**
 * The database's refusals as API errors, whichever style raised them (plain SQL or a Panache
 * flush): panache-tenancy's {@link PersistenceFailures} (common's mapping) plus the exclusion
 * violation (overlapping price lists: 409).
 */
public final class CatalogErrors {

    public static final String EXCLUSION_VIOLATION = "23P01";

    private CatalogErrors() {
    }

    public static Throwable translate(Throwable failure, Map<String, String> uniqueFields) {
        if (failure instanceof ServiceException) {
            return failure;
        }
        var refusal = PersistenceFailures.refusal(failure).orElse(null);
        if (refusal != null && EXCLUSION_VIOLATION.equals(refusal.sqlState())) {
            String field = uniqueFields.getOrDefault(refusal.constraint(), "$");
            return new ConflictException(field, "overlaps an existing row");
        }
        return PersistenceFailures.translate(failure, uniqueFields);
    }

    /** 409 with the list of what is wrong, e.g. required attributes missing at publish. */
    public static ServiceException conflict(String code, String detail, List<FieldError> errors) {
        return new ServiceException(409, code, "Conflict", detail, errors);
    }

    /**
     * 409 {@code insufficient-stock}: the detail and the field error say it in words, and the RFC 9457
     * extension member {@code available} (an integer) says how many units could be taken, for a
     * client that offers those instead of parsing the detail.
     */
    public static ServiceException insufficientStock(String detail, FieldError error, int available) {
        return new ServiceException(409, "insufficient-stock", "Conflict", detail, List.of(error), Map.of("available", available));
    }
}
