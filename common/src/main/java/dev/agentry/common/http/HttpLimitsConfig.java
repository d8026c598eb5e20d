package dev.agentry.common.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits every Agentry service applies to incoming requests. */
@ConfigMapping(prefix = "agentry.http")
public interface HttpLimitsConfig {

    /**
     * Largest request body accepted, in bytes; larger ones get 413 problem+json before they are
     * read. Keep {@code quarkus.http.limits.max-body-size} at or above it: that limit catches
     * chunked bodies that declare no length.
     */
    @WithDefault("1048576")
    long maxBodyBytes();

    /**
     * Paths (regular expressions) that answer JSON or, asked by name, an event stream: a request to
     * one whose {@code Accept} does not name {@code text/event-stream} gets JSON
     * ({@link EventStreamNegotiation}). None by default.
     */
    java.util.Optional<java.util.List<String>> eventStreamPaths();
}
