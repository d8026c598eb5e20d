package dev.agentry.audit.log;

import dev.agentry.audit.AuditServiceConfig;
import dev.agentry.audit.store.TimeRange;
import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.page.Page;
import dev.agentry.common.page.PageRequest;
import dev.agentry.common.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

/** Reading the audit logs and verifying their hash chain. */
@ApplicationScoped
public class LogService {

    static final int VERIFY_PAGE = 1000;

    @Inject
    TenantTransactions tx;

    @Inject
    LogStore store;

    @Inject
    TenantContext caller;

    @Inject
    AuditServiceConfig config;

    public Uni<Page<AuditLog>> list(String actor, String action, String resourceType, String resourceId, Instant from,
            Instant to, PageRequest page) {
        TimeRange range = TimeRange.of(from, to);
        LogFilter filter = new LogFilter(blankToNull(actor), blankToNull(action), blankToNull(resourceType),
                blankToNull(resourceId), range.from(), range.to());
        return tx.inTenant(caller.tenantId(), conn -> store.list(conn, caller.tenantId(), filter, page))
                .map(rows -> Page.of(rows, page, AuditLog::id));
    }

    /**
     * Recomputes the chain over the range page by page (each page its own short transaction) and
     * stops at the first broken link or after {@code verify-max-rows} rows.
     */
    public Uni<ChainVerification> verify(Instant from, Instant to, Long afterSeq) {
        TimeRange range = TimeRange.of(from, to);
        UUID tenant = caller.tenantId();
        return step(tenant, range, afterSeq == null ? 0 : afterSeq, new Progress(0, null, null, -1, null));
    }

    private Uni<ChainVerification> step(UUID tenant, TimeRange range, long afterSeq, Progress progress) {
        int limit = (int) Math.min(VERIFY_PAGE, config.verifyMaxRows() - progress.checked);
        return tx.inTenant(tenant, conn -> store.verifyPage(conn, tenant, range.from(), range.to(), afterSeq, limit))
                .chain(steps -> {
                    Progress p = progress;
                    for (LogStore.VerifyStep s : steps) {
                        ChainBreak broken = check(s, p.lastSeq);
                        if (broken != null) {
                            return Uni.createFrom().item(new ChainVerification(false, true, p.checked + 1,
                                    p.firstSeq == null ? s.chainSeq() : p.firstSeq, s.chainSeq(), null,
                                    anchor(p, s), range.from(), range.to(), broken));
                        }
                        p = new Progress(p.checked + 1, p.firstSeq == null ? s.chainSeq() : p.firstSeq, s.chainSeq(),
                                s.chainSeq(), anchor(p, s));
                    }
                    boolean more = steps.size() == limit;
                    if (more && p.checked < config.verifyMaxRows()) {
                        return step(tenant, range, p.lastSeq, p);
                    }
                    return Uni.createFrom().item(new ChainVerification(true, !more, p.checked, p.firstSeq,
                            p.lastSeqOrNull(), more ? p.lastSeqOrNull() : null, p.anchorSeq, range.from(), range.to(),
                            null));
                });
    }

    private static ChainBreak check(LogStore.VerifyStep s, long previousSeq) {
        if (s.chainSeq() == previousSeq) {
            return new ChainBreak(s.chainSeq(), s.id(), s.createdAt(), "duplicate_chain_seq");
        }
        if (s.chainSeq() > 1 && !s.hasPrevious()) {
            return new ChainBreak(s.chainSeq(), s.id(), s.createdAt(), "previous_row_missing");
        }
        if (!s.redacted() && !s.contentOk()) {
            return new ChainBreak(s.chainSeq(), s.id(), s.createdAt(), "content_changed");
        }
        if (!s.linkOk()) {
            return new ChainBreak(s.chainSeq(), s.id(), s.createdAt(), "row_changed");
        }
        return null;
    }

    /** The first anchor the check has followed (the chain_seq of a row retention removed), if any. */
    private static Long anchor(Progress p, LogStore.VerifyStep s) {
        return p.anchorSeq != null ? p.anchorSeq : s.afterAnchor() ? Long.valueOf(s.chainSeq() - 1) : null;
    }

    /**
     * Rows checked so far, the first and last chain_seq seen (boxed: null before the first row), the
     * first anchor followed.
     */
    private record Progress(long checked, Long firstSeq, Long lastSeqBoxed, long lastSeq, Long anchorSeq) {

        Long lastSeqOrNull() {
            return lastSeqBoxed;
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
