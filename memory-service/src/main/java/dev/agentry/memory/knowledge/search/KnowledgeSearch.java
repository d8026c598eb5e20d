package dev.agentry.memory.knowledge.search;

import dev.agentry.common.search.SearchMode;
import dev.agentry.memory.knowledge.chunk.ChunkStore;
import dev.agentry.common.search.SearchStrategy;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.UUID;

/**
 * The body of {@code POST /v1/collections/{id}/search}: current chunks of the collection ranked for
 * {@code query}, or for a ready vector ({@code embedding} with its {@code embedding_model}, checked as
 * for episodes: what the turn pipeline sends, having embedded the message once). Without a query the
 * mode is {@code vector}; {@code text} and {@code hybrid} need the query. Filters: one document
 * ({@code document_id}), one file type ({@code file_type}), documents carrying every one of
 * {@code tags} (their {@code metadata.tags}), documents in {@code document_language} (their
 * {@code metadata.language}), chunks on pages {@code page_from}..{@code page_to} (inclusive; a chunk
 * without a page is left out once a bound is given). {@code language} (the text ranking's stemming,
 * not a filter) defaults to the collection's; {@code strategy} ({@code auto}, {@code exact},
 * {@code index}) as for episodes.
 */
public record KnowledgeSearch(
        @Size(max = 2000) String query,
        float[] embedding,
        @Size(max = 100) String embeddingModel,
        SearchMode mode,
        SearchStrategy strategy,
        @Min(1) Integer limit,
        UUID documentId,
        @Pattern(regexp = "^(txt|md|csv|pdf|docx|doc|pptx|ppt|xlsx|xls|html|epub|rtf|odt|ods|odp)$",
                message = "must be one of txt, md, csv, pdf, docx, doc, pptx, ppt, xlsx, xls, html, epub, rtf, odt, ods, odp") String fileType,
        @Pattern(regexp = "^[a-z]{2,3}$", message = "must be an ISO 639 language code such as en or vi") String language,
        @Size(max = 20) List<@NotBlank @Size(max = 100) String> tags,
        @Pattern(regexp = "^[a-z]{2,3}$", message = "must be an ISO 639 language code such as en or vi") String documentLanguage,
        @Min(1) Integer pageFrom,
        @Min(1) Integer pageTo) {

    /** The metadata filters, for the store. */
    public ChunkStore.Filters filters() {
        return new ChunkStore.Filters(tags == null ? List.of() : List.copyOf(tags), documentLanguage, pageFrom, pageTo);
    }

    /** Whether the search was given its query text. */
    public boolean hasQuery() {
        return query != null && !query.isBlank();
    }
}
