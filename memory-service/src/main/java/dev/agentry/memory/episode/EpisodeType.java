package dev.agentry.memory.episode;

/** What an episode records: a conversation turn, a summary of several, a fact learned, or an event. */
public enum EpisodeType {
    TURN, SUMMARY, FACT, EVENT
}
