package dev.agentry.memory.search;

/** Which rankings a search uses: both fused (the default), the vector ranking only, or full text only. */
public enum SearchMode {
    HYBRID, VECTOR, TEXT;

    public boolean usesVector() {
        return this != TEXT;
    }

    public boolean usesText() {
        return this != VECTOR;
    }
}
