package dev.agentry.config.rule;

/** A matched rule and its cosine similarity to the message (1 is identical). */
public record RuleMatch(Rule rule, double score) {
}
