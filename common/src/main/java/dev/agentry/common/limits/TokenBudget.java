package dev.agentry.common.limits;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The tenant's monthly LLM token budget ({@code max_monthly_tokens}), for whatever calls an LLM on
 * a tenant's behalf (the conversation pipeline, config-service's chat completions): check before
 * the call, record what the provider reported after it. Usage is counted per UTC calendar month.
 */
@ApplicationScoped
public class TokenBudget {

    @Inject
    PlanLimitStore store;

    private final Clock clock = Clock.systemUTC();

    /** 429 ({@code Retry-After}: the next month) when the month's tokens are used up; otherwise what is left. */
    public Uni<Usage> requireTokensLeft(UUID tenant) {
        Instant now = clock.instant();
        return store.tokens(tenant, now).invoke(usage -> {
            if (usage.limited() && usage.used() >= usage.limit()) {
                throw new RateLimitedException(PlanLimitNames.MAX_MONTHLY_TOKENS, usage, now);
            }
        });
    }

    /** Adds {@code tokens} (prompt + completion, as the provider reported them) to this month's usage. */
    public Uni<Usage> record(UUID tenant, long tokens) {
        if (tokens < 0) {
            throw new IllegalArgumentException("tokens must not be negative");
        }
        return store.addTokens(tenant, tokens, clock.instant());
    }
}
