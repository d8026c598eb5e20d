package dev.agentry.config.template;

/**
 * How the runtime uses a template: {@code EXCLUSIVE} answers with it and nothing else,
 * {@code SUGGEST} offers it to the responder (LLM) as a model answer, {@code FALLBACK} is used only
 * when nothing else produced an answer.
 */
public enum TemplateMode {
    SUGGEST, EXCLUSIVE, FALLBACK
}
