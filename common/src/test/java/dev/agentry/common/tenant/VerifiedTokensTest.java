package dev.agentry.common.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final long NOW = 1_800_000_000L;

    private static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    /** A verified token as the parser hands it over: only {@code exp} matters here. */
    private static JsonWebToken expiringAt(long exp) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "caller";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return "exp".equals(claimName) && exp > 0 ? (T) Long.valueOf(exp) : null;
            }
        };
    }

    @Test
    void theSameTokenIsAHitUntilItsExpiry() {
        JsonWebToken verified = expiringAt(NOW + 60);
        VerifiedTokens tokens = new VerifiedTokens(8, at(NOW));
        tokens.put("a.b.c", verified);
        assertSame(verified, tokens.get("a.b.c"));
        assertNull(tokens.get("a.b.d"), "only the byte-identical token is a hit");

        VerifiedTokens later = new VerifiedTokens(8, at(NOW + 60));
        later.put("a.b.c", verified);
        assertNull(later.get("a.b.c"), "at exp the token goes back to the verifier");
        assertEquals(0, later.size(), "and the expired entry is dropped");
    }

    @Test
    void aTokenWithoutExpiryIsNeverRemembered() {
        VerifiedTokens tokens = new VerifiedTokens(8, at(NOW));
        tokens.put("no.exp.here", expiringAt(0));
        assertNull(tokens.get("no.exp.here"));
    }

    @Test
    void staysWithinItsCapacity() {
        VerifiedTokens tokens = new VerifiedTokens(3, at(NOW));
        for (int i = 0; i < 10; i++) {
            tokens.put("token-" + i, expiringAt(NOW + 60));
        }
        assertTrue(tokens.size() <= 3, "size " + tokens.size());
        assertEquals(NOW + 60, tokens.get("token-9").getExpirationTime(), "the newest token is kept");

        VerifiedTokens off = new VerifiedTokens(0, at(NOW));
        off.put("token-1", expiringAt(NOW + 60));
        assertNull(off.get("token-1"), "capacity 0 turns the cache off");
        assertEquals(0, off.size());
    }

    @Test
    void expiredEntriesMakeRoomBeforeLiveOnesAreDropped() {
        Clock clock = at(NOW);
        VerifiedTokens tokens = new VerifiedTokens(2, clock);
        JsonWebToken live = expiringAt(NOW + 600);
        tokens.put("live", live);
        tokens.put("dead", expiringAt(NOW - 1));
        tokens.put("new", expiringAt(NOW + 600));
        assertSame(live, tokens.get("live"), "only the expired entry was dropped");
        assertEquals(2, tokens.size());
    }
}
