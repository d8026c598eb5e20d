package dev.agentry.common.search;

import dev.agentry.common.embedding.EmbeddingProvider;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.vector.VectorCodec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The query vector of a search, the same rules in every service: the caller either sends text
 * (embedded here, through the deployment's provider) or a ready vector with the model that made it
 * ({@code embedding} + {@code embedding_model}, both or neither). A ready vector must have the
 * deployment's width and come from the deployment's model: vectors of two models are not
 * comparable, so another model is refused rather than mis-ranked.
 */
@ApplicationScoped
public class QueryVectors {

    /** The usual field names of a search body. */
    public static final Fields FIELDS = new Fields("query", "embedding", "embedding_model");

    /** Names of the three fields in the caller's body, for the 400's field errors. */
    public record Fields(String text, String vector, String model) {
    }

    @Inject
    EmbeddingProvider embeddings;

    /**
     * The checked ready vector when one is given, else the embedding of {@code text}; when neither
     * is there, a 400 names the text field.
     */
    public Uni<float[]> of(String text, float[] supplied, String suppliedModel, Fields fields) {
        if (supplied != null || suppliedModel != null) {
            return Uni.createFrom().item(requireSupplied(supplied, suppliedModel, fields));
        }
        if (text == null || text.isBlank()) {
            throw new ValidationException(fields.text(), "is required (or give " + fields.vector() + " and "
                    + fields.model() + ")");
        }
        return embeddings.embed(text);
    }

    /** Checks a caller's ready vector and its model: both present, the deployment's model and width. */
    public float[] requireSupplied(float[] supplied, String suppliedModel, Fields fields) {
        requirePairAndWidth(supplied, suppliedModel, fields);
        requireModel(suppliedModel, fields.model());
        return supplied;
    }

    /**
     * Checks only that the vector and its model come together and the vector has the deployment's
     * width, for a service that decides itself which models it compares (memory-service keeps
     * vectors of the callers' models and compares a query with the ones of the same model).
     */
    public float[] requirePairAndWidth(float[] supplied, String suppliedModel, Fields fields) {
        if (supplied == null) {
            throw new ValidationException(fields.vector(), "is required with " + fields.model());
        }
        if (suppliedModel == null) {
            throw new ValidationException(fields.model(), "is required with " + fields.vector());
        }
        return VectorCodec.requireWidth(supplied, embeddings.dimensions(), fields.vector());
    }

    /** Refuses a model name other than the deployment's; null means "the deployment's". */
    public void requireModel(String model, String field) {
        if (model != null && !model.equals(embeddings.model())) {
            throw new ValidationException(field, "must be " + embeddings.model()
                    + ", the model this deployment embeds with (vectors of two models are not comparable)");
        }
    }

    /** The deployment's model, recorded beside every stored vector. */
    public String model() {
        return embeddings.model();
    }

    public int dimensions() {
        return embeddings.dimensions();
    }
}
