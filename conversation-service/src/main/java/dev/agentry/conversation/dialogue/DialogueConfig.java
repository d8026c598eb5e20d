package dev.agentry.conversation.dialogue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the turn's dialogue state: scenario steps and their transitions. */
@ConfigMapping(prefix = "agentry.conversation.dialogue")
public interface DialogueConfig {

    /** How many scenario versions one replica keeps (a written version never changes; least recently used go first). */
    @WithDefault("2000")
    int scenarioCacheSize();

    /** How many agents' runtime configs one replica keeps (the last seen of each, used while config-service cannot answer). */
    @WithDefault("5000")
    int runtimeCacheSize();

    /** How close the message must be to a free-text transition condition (cosine of their vectors) for it to hold. */
    @WithDefault("0.6")
    double transitionThreshold();
}
