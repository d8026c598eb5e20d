package dev.agentry.config.llm;

/**
 * A completion: the text, the model and provider that wrote it, the tokens the provider counted
 * (they go to the tenant's monthly token budget), what they cost at the registry's prices, and how
 * long the call took.
 */
public record ChatAnswer(String content, String model, String provider, int inputTokens, int outputTokens, double costUsd,
        long latencyMs) {
}
