package dev.agentry.config.llm;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import io.vertx.mutiny.core.http.HttpClientResponse;
import io.vertx.mutiny.core.parsetools.RecordParser;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A streamed chat completion from an OpenAI-compatible provider ({@code "stream": true}): its
 * server-sent events read line by line as they arrive, each {@code data:} chunk a {@link Piece}
 * (the text's next delta, and the usage in the last chunk when asked with
 * {@code stream_options.include_usage}), until {@code [DONE]} or the end of the body. The key goes
 * only to the provider, in the Authorization header.
 */
final class ProviderStream {

    /** One chunk: its text (may be empty), and the provider's token counts when it sent them. */
    record Piece(String content, Integer promptTokens, Integer completionTokens) {
    }

    private final HttpClientRequest request;
    private final HttpClientResponse response;

    private ProviderStream(HttpClientRequest request, HttpClientResponse response) {
        this.request = request;
        this.response = response;
    }

    /**
     * POSTs {@code body} and waits for the provider's status: an item once it answered 2xx (its body
     * not read yet), else a 502 (an error status, unreachable) or a 504 (no byte for {@code timeout}).
     */
    static Uni<ProviderStream> open(HttpClient http, String url, String apiKey, JsonObject body, Duration timeout) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .setIdleTimeout(timeout.toMillis())
                .putHeader("Authorization", "Bearer " + apiKey).putHeader("Content-Type", "application/json")
                .putHeader("Accept", "text/event-stream");
        return http.request(options)
                .flatMap(request -> request.send(Buffer.buffer(body.encode())).flatMap(response -> {
                    if (response.statusCode() / 100 != 2) {
                        return response.body().onFailure().recoverWithNull().map(ignored -> {
                            throw ChatCompletionService.problem(502, "llm-error", "Bad Gateway",
                                    "the LLM provider answered " + response.statusCode());
                        });
                    }
                    // Not read until the client subscribes: nothing the provider sends is lost meanwhile.
                    response.pause();
                    return Uni.createFrom().item(new ProviderStream(request, response));
                }))
                .onFailure(e -> !(e instanceof dev.agentry.common.error.ServiceException)).transform(e -> isTimeout(e)
                        ? ChatCompletionService.problem(504, "llm-timeout", "Gateway Timeout",
                                "the LLM provider did not answer within " + timeout)
                        : ChatCompletionService.problem(502, "llm-unreachable", "Bad Gateway",
                                "the LLM provider could not be reached: " + e.getMessage()));
    }

    /** The chunks as they arrive; fails when the provider's stream breaks or stalls past the idle timeout. */
    Multi<Piece> pieces() {
        return Multi.createFrom().deferred(() -> RecordParser.newDelimited("\n", response).toMulti())
                .map(line -> line.toString().strip())
                .filter(line -> line.startsWith("data:"))
                .map(line -> line.substring("data:".length()).strip())
                .filter(data -> !data.isEmpty() && !data.equals("[DONE]"))
                .map(ProviderStream::piece);
    }

    /** Stops the provider's stream (the client went away): no more tokens are generated for nobody. */
    void abort() {
        request.reset();
    }

    private static Piece piece(String data) {
        JsonObject chunk = new JsonObject(data);
        JsonArray choices = chunk.getJsonArray("choices", new JsonArray());
        String content = choices.isEmpty() ? null
                : choices.getJsonObject(0).getJsonObject("delta", new JsonObject()).getString("content");
        JsonObject usage = chunk.getJsonObject("usage");
        return new Piece(content, usage == null ? null : usage.getInteger("prompt_tokens"),
                usage == null ? null : usage.getInteger("completion_tokens"));
    }

    private static boolean isTimeout(Throwable e) {
        return e instanceof TimeoutException || String.valueOf(e.getMessage()).contains("timeout");
    }
}
