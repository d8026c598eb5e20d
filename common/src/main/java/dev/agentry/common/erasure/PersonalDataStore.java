package dev.agentry.common.erasure;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A service's store of personal data, as an erasure request reaches it: a bean implementing this is
 * all a service writes to take part ({@link ErasureFollower} does the rest). {@link #erase} must be
 * idempotent, since an event is delivered at least once: erasing again finds nothing more.
 */
public interface PersonalDataStore {

    /** The store's name on the receipt ({@code memory}, {@code audit}, {@code conversation}). */
    String storeName();

    /**
     * Erases, in the tenant, everything held of these customer profiles (one person: a survivor and
     * the profiles merged into it); answers what it touched, by kind, for the receipt.
     */
    Uni<Map<String, Integer>> erase(UUID tenantId, List<UUID> profileIds);
}
