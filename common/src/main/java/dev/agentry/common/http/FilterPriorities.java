package dev.agentry.common.http;

import jakarta.ws.rs.Priorities;

/** The order of Agentry's request filters, in one place so that no two services disagree. */
public final class FilterPriorities {

    /** Resolve the tenant from the token, then put it in the log MDC. */
    public static final int TENANT = Priorities.AUTHENTICATION + 10;

    /** A write under a parent the caller cannot see is 404 before its body is read (ParentFirstFilter). */
    public static final int PARENT = Priorities.USER + 5;
    /** Refuse a body that is not JSON where the endpoint reads JSON (415), once the request matched. */
    public static final int MEDIA_TYPE = Priorities.USER + 10;
    /** Count the tenant's request against its plan, and refuse it past the limit (429). */
    public static final int PLAN_LIMITS = Priorities.USER + 50;
    /** Replay or reserve an Idempotency-Key once the tenant is known and the request matched. */
    public static final int IDEMPOTENCY = Priorities.USER + 100;
    /** Record an administrator's change once its answer is known (a response filter). */
    public static final int AUDIT = Priorities.USER + 200;

    private FilterPriorities() {
    }
}
