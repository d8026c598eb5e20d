package dev.agentry.config.llm;

/**
 * What a streamed completion has said so far, and what it cost: the provider's own token counts
 * when it sends them (the last chunk, asked for with {@code stream_options.include_usage}), else an
 * estimate (a token per four characters of the prompt, a token per chunk of the answer: providers
 * send about one token a chunk), so that a stream always counts toward the tenant's budget.
 */
final class StreamedUsage {

    private final int estimatedPromptTokens;
    private final StringBuilder content = new StringBuilder();
    private int chunks;
    private Integer promptTokens;
    private Integer completionTokens;

    StreamedUsage(ChatRequest request) {
        int chars = request.messages().stream().mapToInt(m -> m.content().length()).sum();
        this.estimatedPromptTokens = (chars + 3) / 4;
    }

    synchronized void add(ProviderStream.Piece piece) {
        if (piece.content() != null && !piece.content().isEmpty()) {
            content.append(piece.content());
            chunks++;
        }
        if (piece.promptTokens() != null) {
            promptTokens = piece.promptTokens();
        }
        if (piece.completionTokens() != null) {
            completionTokens = piece.completionTokens();
        }
    }

    synchronized int inputTokens() {
        return promptTokens != null ? promptTokens : estimatedPromptTokens;
    }

    synchronized int outputTokens() {
        return completionTokens != null ? completionTokens : chunks;
    }

    long total() {
        return (long) inputTokens() + outputTokens();
    }

    synchronized ChatAnswer answer(LlmModel model, long latencyMs) {
        int in = inputTokens();
        int out = outputTokens();
        double cost = in / 1000.0 * model.costPer1kInputTokens() + out / 1000.0 * model.costPer1kOutputTokens();
        return new ChatAnswer(content.toString(), model.modelName(), model.provider(), in, out, cost, latencyMs);
    }
}
