package dev.agentry.catalog.guardrail;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Each tenant's compiled guardrails, in memory, with the stamp of what they were built from
 * ({@link GuardrailStore#stamp}). A write of this replica drops the tenant's entry at once; an
 * evaluation compares the stamp first, so a write through another replica is seen at the next
 * evaluation. Nothing is compiled twice for an unchanged tenant.
 */
@ApplicationScoped
public class GuardrailCache {

    /** One guardrail ready to run: {@code compiled} null when its condition no longer compiles ({@code error} says why). */
    record Rule(GuardrailStore.Row0 row, GuardrailCompiler.Compiled compiled, String error) {
    }

    /** A tenant's active guardrails in evaluation order and the keyword lists they read, by code. */
    record CompiledSet(String stamp, List<Rule> rules, Map<String, Pattern> keywordLists) {
    }

    private final Map<UUID, CompiledSet> sets = new ConcurrentHashMap<>();
    private final AtomicLong builds = new AtomicLong();

    CompiledSet get(UUID tenant, String stamp) {
        CompiledSet set = sets.get(tenant);
        return set != null && set.stamp().equals(stamp) ? set : null;
    }

    void put(UUID tenant, CompiledSet set) {
        builds.incrementAndGet();
        sets.put(tenant, set);
    }

    void invalidate(UUID tenant) {
        sets.remove(tenant);
    }

    /** How many sets were built since start (what a test tells a cache hit from a rebuild by). */
    long builds() {
        return builds.get();
    }
}
