package dev.agentry.common.erasure;

import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.UUID;

/**
 * A service's store of personal data, as an erasure request reaches it: a bean implementing this is
 * all a service writes to take part ({@link ErasureFollower} does the rest, and sums the counts of
 * the person's profiles for the receipt). {@link #eraseProfile} must be idempotent, since an event
 * is delivered at least once: erasing again finds nothing more.
 */
public interface PersonalDataStore {

    /** The store's name on the receipt ({@code memory}, {@code audit}, {@code conversation}). */
    String storeName();

    /** Erases, in the tenant, everything held of one customer profile; answers what it touched, by kind. */
    Uni<Map<String, Integer>> eraseProfile(UUID tenantId, UUID profileId);
}
