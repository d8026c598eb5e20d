package dev.agentry.common.embedding;

import dev.agentry.common.error.ServiceException;
import java.util.List;

/** 503: the embedding provider failed; nothing was stored. */
public class EmbeddingException extends ServiceException {

    public EmbeddingException(String detail) {
        super(503, "embedding-unavailable", "Embedding provider unavailable", detail, List.of());
    }
}
