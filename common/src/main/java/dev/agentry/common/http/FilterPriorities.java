package dev.agentry.common.http;

import jakarta.ws.rs.Priorities;

/** The order of Agentry's request filters, in one place so that no two services disagree. */
public final class FilterPriorities {

    /** Refuse oversized bodies before anything reads them. */
    public static final int BODY_LIMIT = Priorities.AUTHENTICATION - 100;
    /** Resolve the tenant from the token, then put it in the log MDC. */
    public static final int TENANT = Priorities.AUTHENTICATION + 10;

    /** Replay or reserve an Idempotency-Key once the tenant is known and the request matched. */
    public static final int IDEMPOTENCY = Priorities.USER + 100;

    private FilterPriorities() {
    }
}
