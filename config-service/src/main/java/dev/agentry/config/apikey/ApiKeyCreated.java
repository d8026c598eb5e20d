package dev.agentry.config.apikey;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The answer to creating a key: the key's fields and, this once, its secret {@code key}. */
public record ApiKeyCreated(@JsonUnwrapped ApiKey apiKey, String key) {
}
