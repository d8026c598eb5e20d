package dev.agentry.common.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void newIdIsVersion7WithIetfVariant() {
        for (int i = 0; i < 1_000; i++) {
            UUID id = Ids.newId();
            assertEquals(7, id.version(), () -> "version of " + id);
            assertEquals(2, id.variant(), () -> "variant of " + id);
            // The same two facts read straight from the bits, as RFC 9562 lays them out.
            assertEquals(0x7L, (id.getMostSignificantBits() >>> 12) & 0xFL);
            assertEquals(0b10L, id.getLeastSignificantBits() >>> 62);
            assertEquals('7', id.toString().charAt(14));
            assertTrue("89ab".indexOf(id.toString().charAt(19)) >= 0, id::toString);
        }
    }

    @Test
    void millisecondPrefixIsTheCreationTime() {
        long before = System.currentTimeMillis();
        UUID id = Ids.newId();
        long after = System.currentTimeMillis();
        long millis = Ids.epochMillis(id);
        assertTrue(millis >= before && millis <= after, () -> millis + " not in [" + before + ", " + after + "]");
    }

    @Test
    void epochMillisRoundTrips() {
        long[] instants = {0L, 1L, 1_700_000_000_123L, 0xFFFF_FFFF_FFFFL, 0x8000_0000_0000L};
        for (long t : instants) {
            UUID id = Ids.at(t);
            assertEquals(t, Ids.epochMillis(id));
            assertEquals(7, id.version());
            assertEquals(2, id.variant());
        }
    }

    @Test
    void parseTakesOnlyAUuidSpelledInFull() {
        UUID id = Ids.newId();
        assertEquals(id, Ids.parse(id.toString()));
        assertEquals(id, Ids.parse(id.toString().toUpperCase(java.util.Locale.ROOT)));
        assertThrows(IllegalArgumentException.class, () -> Ids.parse("1-2-3-4-5"));
        assertThrows(IllegalArgumentException.class, () -> Ids.parse("not-a-uuid"));
        assertThrows(IllegalArgumentException.class, () -> Ids.parse(id + "0"));
    }

    @Test
    void epochMillisRefusesOtherVersions() {
        assertThrows(IllegalArgumentException.class, () -> Ids.epochMillis(UUID.randomUUID()));
    }

    @Test
    void prefixStrictlyIncreasesAcrossCallsSeparatedInTime() throws InterruptedException {
        UUID previous = Ids.newId();
        for (int i = 0; i < 20; i++) {
            Thread.sleep(3);
            UUID next = Ids.newId();
            UUID before = previous;
            assertTrue(Ids.epochMillis(next) > Ids.epochMillis(before), () -> before + " then " + next);
            // The prefix is the most significant part, so ids from different milliseconds sort by time,
            // both as Java compares UUIDs (signed longs: fine until the year 6429) and as text.
            assertTrue(next.compareTo(previous) > 0);
            assertTrue(next.toString().compareTo(previous.toString()) > 0);
            previous = next;
        }
    }

    @Test
    void idsFromLaterMillisecondsSortAfterEarlierOnes() {
        UUID early = Ids.at(1_700_000_000_000L);
        UUID late = Ids.at(1_700_000_000_001L);
        assertTrue(late.compareTo(early) > 0);
        assertTrue(late.toString().compareTo(early.toString()) > 0);
    }

    @Test
    void hundredThousandIdsAreUnique() {
        int n = 100_000;
        Set<UUID> seen = new HashSet<>(n * 2);
        for (int i = 0; i < n; i++) {
            assertTrue(seen.add(Ids.newId()), "duplicate id after " + i);
        }
        assertEquals(n, seen.size());
    }

    @Test
    void randomBitsVaryWithinOneMillisecond() {
        // 74 random bits: two ids of the same instant must still differ, in both random fields.
        Set<Long> randA = new HashSet<>();
        Set<Long> randB = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            UUID id = Ids.at(42L);
            randA.add(id.getMostSignificantBits() & 0xFFFL);
            randB.add(id.getLeastSignificantBits() & 0x3FFF_FFFF_FFFF_FFFFL);
        }
        assertTrue(randA.size() > 90, "rand_a values: " + randA.size());
        assertEquals(100, randB.size());
    }
}
