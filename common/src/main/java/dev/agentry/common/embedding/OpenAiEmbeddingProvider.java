package dev.agentry.common.embedding;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;

/**
 * An OpenAI-compatible embeddings API ({@code POST {base}/embeddings}): OpenAI itself, Ollama,
 * vLLM, or anything else speaking that protocol. Non-blocking (Vert.x web client); large inputs go
 * in batches of {@code batch-size}. A vector of the wrong width is an error, never stored.
 */
public class OpenAiEmbeddingProvider implements EmbeddingProvider, AutoCloseable {

    private final WebClient client;
    private final EmbeddingConfig.OpenAi config;
    private final int dimensions;
    private final String endpoint;

    public OpenAiEmbeddingProvider(Vertx vertx, EmbeddingConfig.OpenAi config, int dimensions) {
        if (config.batchSize() < 1) {
            throw new IllegalArgumentException("agentry.embedding.openai.batch-size must be at least 1");
        }
        this.client = WebClient.create(vertx);
        this.config = config;
        this.dimensions = dimensions;
        String base = config.baseUrl().endsWith("/") ? config.baseUrl().substring(0, config.baseUrl().length() - 1)
                : config.baseUrl();
        this.endpoint = base + "/embeddings";
    }

    @Override
    public String model() {
        return config.model();
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public Uni<List<float[]>> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < texts.size(); i += config.batchSize()) {
            batches.add(texts.subList(i, Math.min(texts.size(), i + config.batchSize())));
        }
        return Multi.createFrom().iterable(batches)
                .onItem().transformToUniAndConcatenate(this::embedBatch)
                .collect().asList()
                .map(parts -> {
                    List<float[]> all = new ArrayList<>(texts.size());
                    parts.forEach(all::addAll);
                    return all;
                });
    }

    private Uni<List<float[]>> embedBatch(List<String> batch) {
        JsonObject body = new JsonObject().put("model", config.model()).put("input", new JsonArray(new ArrayList<>(batch)));
        if (config.sendDimensions()) {
            body.put("dimensions", dimensions);
        }
        var request = client.postAbs(endpoint).timeout(config.timeout().toMillis());
        config.apiKey().ifPresent(key -> request.bearerTokenAuthentication(key));
        return request.sendJsonObject(body)
                .onFailure().transform(f -> new EmbeddingException("Embedding API unreachable or timed out: " + f.getMessage()))
                .map(response -> parse(response, batch.size()));
    }

    /** Reads an embeddings answer; anything malformed is an {@link EmbeddingException}, never a crash. */
    private List<float[]> parse(HttpResponse<Buffer> response, int expected) {
        if (response.statusCode() != 200) {
            throw new EmbeddingException("Embedding API answered HTTP " + response.statusCode());
        }
        JsonArray data;
        try {
            JsonObject body = response.bodyAsJsonObject();
            data = body == null ? null : body.getJsonArray("data");
        } catch (RuntimeException e) {
            throw new EmbeddingException("Embedding API answered something that is not an embeddings document");
        }
        if (data == null || data.size() != expected) {
            throw new EmbeddingException("Embedding API returned " + (data == null ? 0 : data.size())
                    + " vectors for " + expected + " texts");
        }
        float[][] ordered = new float[expected][];
        for (int i = 0; i < data.size(); i++) {
            Object entry = data.getValue(i);
            if (!(entry instanceof JsonObject item) || !(item.getValue("embedding") instanceof JsonArray values)) {
                throw new EmbeddingException("Embedding API item " + i + " has no embedding");
            }
            Object rawIndex = item.getValue("index", i);
            if (!(rawIndex instanceof Number number) || number.intValue() < 0 || number.intValue() >= expected
                    || ordered[number.intValue()] != null) {
                throw new EmbeddingException("Embedding API item " + i + " has a missing, repeated or out-of-range index");
            }
            if (values.size() != dimensions) {
                throw new EmbeddingException("Embedding API returned " + values.size()
                        + " dimensions; this deployment stores " + dimensions);
            }
            float[] vector = new float[values.size()];
            for (int j = 0; j < vector.length; j++) {
                if (!(values.getValue(j) instanceof Number value)) {
                    throw new EmbeddingException("Embedding API item " + i + " holds a value that is not a number");
                }
                vector[j] = value.floatValue();
            }
            ordered[number.intValue()] = vector;
        }
        return List.of(ordered);
    }

    @Override
    public void close() {
        client.close();
    }
}
