package dev.agentry.config.matching;

import dev.agentry.common.embedding.EmbeddingProvider;
import dev.agentry.common.error.ValidationException;
import dev.agentry.common.vector.VectorCodec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The vector of a text that is stored or matched: embedded through the deployment's provider, or
 * given by the caller. A caller's vector must have the deployment's width and come from the
 * deployment's model (vectors of two models are not comparable, so another model is refused).
 */
@ApplicationScoped
public class QueryVectors {

    @Inject
    EmbeddingProvider embeddings;

    /**
     * {@code supplied} when given (checked), else the embedding of {@code text}; when both are
     * missing, a 400 names {@code textField}.
     */
    public Uni<float[]> of(String text, float[] supplied, String suppliedModel, String textField, String vectorField,
            String modelField) {
        if (supplied != null) {
            requireModel(suppliedModel, modelField);
            return Uni.createFrom().item(VectorCodec.requireWidth(supplied, embeddings.dimensions(), vectorField));
        }
        if (text == null || text.isBlank()) {
            throw new ValidationException(textField, "is required (or give " + vectorField + ")");
        }
        return embeddings.embed(text);
    }

    /** Refuses a model name other than the deployment's; null means "the deployment's". */
    public void requireModel(String model, String field) {
        if (model != null && !model.equals(embeddings.model())) {
            throw new ValidationException(field, "must be " + embeddings.model() + ", the model this deployment matches with");
        }
    }

    public String model() {
        return embeddings.model();
    }
}
