package dev.agentry.common.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SearchStrategyTest {

    @Test
    void readsTheWireNamesAndTheDeprecatedHnsw() {
        assertEquals(SearchStrategy.AUTO, SearchStrategy.fromWire("auto"));
        assertEquals(SearchStrategy.EXACT, SearchStrategy.fromWire("EXACT"));
        assertEquals(SearchStrategy.INDEX, SearchStrategy.fromWire("index"));
        assertEquals(SearchStrategy.INDEX, SearchStrategy.fromWire("hnsw"));
        assertNull(SearchStrategy.fromWire(null));
        assertThrows(IllegalArgumentException.class, () -> SearchStrategy.fromWire("text"));
    }

    @Test
    void autoIsExactUpToTheThresholdOrWithANarrowFilter() {
        assertEquals(SearchStrategy.EXACT, SearchStrategy.choose(null, 10_000, 10_000, false));
        assertEquals(SearchStrategy.INDEX, SearchStrategy.choose(SearchStrategy.AUTO, 10_001, 10_000, false));
        assertEquals(SearchStrategy.EXACT, SearchStrategy.choose(SearchStrategy.AUTO, 1_000_000, 10_000, true));
    }

    @Test
    void aForcedStrategyIsKept() {
        assertEquals(SearchStrategy.INDEX, SearchStrategy.choose(SearchStrategy.INDEX, 5, 10_000, true));
        assertEquals(SearchStrategy.EXACT, SearchStrategy.choose(SearchStrategy.EXACT, 5_000_000, 10_000, false));
    }
}
