package dev.agentry.common.search;

/**
 * Which rankings a search fuses: both the vector and the full-text ranking ({@code hybrid}, the
 * default where a search has text), the vector ranking only, or full text only. A search that has
 * no full text (rule match, say) is always {@code vector}.
 */
public enum SearchMode {
    HYBRID, VECTOR, TEXT;

    public boolean usesVector() {
        return this != TEXT;
    }

    public boolean usesText() {
        return this != VECTOR;
    }
}
