package dev.agentry.memory;

import dev.agentry.common.testing.TestApi;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Shared steps of memory-service tests: tokens of random tenants (tenants live in config-service), row counts. */
public final class MemoryTestSupport extends TestApi {

    public static final String PROBLEM = "application/problem+json";

    private MemoryTestSupport() {
    }

    /** A vector of the deployment's width, pointing mostly along one axis. */
    public static float[] unitVector(int axis) {
        float[] v = new float[384];
        Arrays.fill(v, 0.01f);
        v[axis] = 1f;
        return v;
    }

    /** Every memory table a tenant's rows live in. */
    public static final List<String> TABLES = List.of("episodes", "entities", "relationships", "collections", "documents",
            "chunks", "rag_queries", "retention_policies");

    /** Rows per table of one tenant: what "nothing was written" is checked by. */
    public static Map<String, Long> rowCounts(UUID tenant) {
        return rowCounts("memory", tenant, TABLES);
    }
}
