package dev.agentry.common.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.error.ValidationException;
import dev.agentry.common.id.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageRequestTest {

    /** A stored row as a store would read it. */
    record Row(UUID id, String name) {
    }

    private static List<Row> rows(int n) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Version 7 layout, one millisecond apart, so that id order is creation order.
            long msb = (1_700_000_000_000L + i) << 16 | 0x7000L | (i * 37 & 0xFFF);
            out.add(new Row(new UUID(msb, 0x8000_0000_0000_0000L | i * 0x9E37_79B9L), "row-" + i));
        }
        return out;
    }

    @Test
    void defaultsToFiftyFromTheStart() {
        PageRequest request = PageRequest.of(null, null);
        assertEquals(50, request.limit());
        assertEquals(PageRequest.DEFAULT_LIMIT, request.limit());
        assertNull(request.after());
        assertEquals(51, request.fetchSize());
    }

    @Test
    void blankCursorMeansFirstPage() {
        assertNull(PageRequest.of(10, "").after());
        assertNull(PageRequest.of(10, "   ").after());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 50, 199, 200})
    void acceptsLimitsWithinBounds(int limit) {
        PageRequest request = PageRequest.of(limit, null);
        assertEquals(limit, request.limit());
        assertEquals(limit + 1, request.fetchSize());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 201, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void rejectsLimitsOutOfBoundsNamingLimit(int limit) {
        ValidationException e = assertThrows(ValidationException.class, () -> PageRequest.of(limit, null));
        assertEquals(400, e.status());
        assertEquals(1, e.errors().size());
        assertEquals("limit", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().contains("200"), e.errors().get(0).message());
    }

    @Test
    void cursorRoundTripsToTheLastKeptId() {
        List<Row> stored = rows(11);
        PageRequest first = PageRequest.of(10, null);
        // The store reads fetchSize() rows: one more than the page, which says there is a next page.
        Page<Row> page = Page.of(stored.subList(0, first.fetchSize()), first, Row::id);

        assertEquals(10, page.items().size());
        assertEquals(stored.subList(0, 10), page.items());
        assertNotNull(page.nextCursor());

        PageRequest second = PageRequest.of(10, page.nextCursor());
        assertEquals(stored.get(9).id(), second.after());
        assertEquals(10, second.limit());
    }

    @Test
    void cursorIsUrlSafeAndOpaque() {
        UUID id = UUID.fromString("ffffffff-ffff-7fff-bfff-ffffffffffff");
        String cursor = PageRequest.encode(id);
        assertEquals(22, cursor.length());
        assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
        assertFalse(cursor.contains(id.toString()));
        assertEquals(id, PageRequest.decode(cursor));
    }

    @Test
    void encodeDecodeRoundTripsManyIds() {
        for (int i = 0; i < 1_000; i++) {
            UUID id = i % 2 == 0 ? Ids.newId() : UUID.randomUUID();
            assertEquals(id, PageRequest.of(null, PageRequest.encode(id)).after());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage!", "not a cursor", "AAAA", "%%%", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "ffffffff-ffff-7fff-bfff-ffffffffffff"})
    void garbageCursorIsRejectedNamingCursor(String cursor) {
        ValidationException e = assertThrows(ValidationException.class, () -> PageRequest.of(10, cursor));
        assertEquals(400, e.status());
        assertEquals(1, e.errors().size());
        assertEquals("cursor", e.errors().get(0).field());
    }

    @Test
    void badLimitIsReportedBeforeTheCursorIsRead() {
        ValidationException e = assertThrows(ValidationException.class, () -> PageRequest.of(0, "garbage!"));
        assertEquals("limit", e.errors().get(0).field());
    }

    @Test
    void lastPageHasNoNextCursor() {
        PageRequest request = PageRequest.of(10, null);
        Page<Row> exactlyFull = Page.of(rows(10), request, Row::id);
        assertEquals(10, exactlyFull.items().size());
        assertNull(exactlyFull.nextCursor());

        Page<Row> partial = Page.of(rows(3), request, Row::id);
        assertEquals(3, partial.items().size());
        assertNull(partial.nextCursor());

        Page<Row> empty = Page.of(List.of(), request, Row::id);
        assertTrue(empty.items().isEmpty());
        assertNull(empty.nextCursor());
    }

    @Test
    void walkingAllPagesVisitsEveryRowOnce() {
        List<Row> stored = rows(23);
        List<Row> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            PageRequest request = PageRequest.of(5, cursor);
            UUID after = request.after();
            // What a keyset query does: rows after the cursor's id, in id order, fetchSize() of them.
            List<Row> read = stored.stream()
                    .filter(r -> after == null || r.id().compareTo(after) > 0)
                    .limit(request.fetchSize())
                    .toList();
            Page<Row> page = Page.of(read, request, Row::id);
            seen.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 100);
        assertEquals(5, pages);
        assertEquals(stored, seen);
    }

    @Test
    void pageItemsAreImmutableCopiesAndMapKeepsTheCursor() {
        List<Row> read = new ArrayList<>(rows(3));
        Page<Row> page = Page.of(read, PageRequest.of(2, null), Row::id);
        read.clear();
        assertEquals(2, page.items().size());
        assertThrows(UnsupportedOperationException.class, () -> page.items().add(new Row(Ids.newId(), "x")));

        Page<String> names = page.map(Row::name);
        assertEquals(List.of("row-0", "row-1"), names.items());
        assertEquals(page.nextCursor(), names.nextCursor());
    }
}
