package dev.agentry.common.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where audit records are published, under {@code agentry.audit-stream}: the same for producers and audit-service. */
@ConfigMapping(prefix = "agentry.audit-stream")
public interface AuditStreamConfig {

    /**
     * The Redis stream key. Producers only append ({@code XADD}, never with MAXLEN: the stream is
     * never trimmed past entries audit-service has not acknowledged).
     */
    @WithDefault("agentry:audit")
    String key();

    /**
     * Publish an {@code audit_logs} record for every change an administrator makes through the
     * API ({@link AdminActionLog}).
     */
    @WithDefault("true")
    boolean adminActions();
}
