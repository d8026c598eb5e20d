package dev.agentry.common.id;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUID version 7 identifiers (RFC 9562): 48 bits of Unix milliseconds, then random bits. They sort
 * by creation time, which keeps B-tree inserts at the right edge of the index and lets cursor
 * pagination order by id alone.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /**
     * The UUID {@code value} spells in full (8-4-4-4-12 hex digits, any case). {@code UUID.fromString}
     * alone takes shortened groups such as {@code 1-2-3-4-5}, which no id of ours ever is.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static UUID parse(String value) {
        UUID id = UUID.fromString(value);
        if (!id.toString().equalsIgnoreCase(value)) {
            throw new IllegalArgumentException("not a UUID in full: " + value);
        }
        return id;
    }

    public static UUID newId() {
        return at(System.currentTimeMillis());
    }

    static UUID at(long epochMillis) {
        long randA = RANDOM.nextInt(1 << 12);
        long randB = RANDOM.nextLong();
        long msb = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | randA;
        long lsb = (randB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** The creation time encoded in a version 7 id, in Unix milliseconds. */
    public static long epochMillis(UUID id) {
        if (id.version() != 7) {
            throw new IllegalArgumentException("not a UUID v7: " + id);
        }
        return id.getMostSignificantBits() >>> 16;
    }
}
