package dev.agentry.profile.erasure;

/** One store's part of an erasure: {@code done} (its receipt is in) or {@code pending}. */
public enum ReceiptStatus {
    DONE, PENDING
}
