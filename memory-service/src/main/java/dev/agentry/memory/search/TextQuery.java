package dev.agentry.memory.search;

/** The full-text ranking of a search: the query's words and the language they are stemmed in. */
public record TextQuery(String text, String language) {
}
