package dev.agentry.profile.erasure;

import java.time.Instant;
import java.util.Map;

/**
 * One store's answer to an erasure: {@code done} with what it touched (rows or keys, by kind) and
 * when, or {@code pending} (not answered yet: down, behind, or still working).
 */
public record StoreReceipt(String store, ReceiptStatus status, Map<String, Object> touched, Instant completedAt) {

    static StoreReceipt pending(String store) {
        return new StoreReceipt(store, ReceiptStatus.PENDING, null, null);
    }
}
