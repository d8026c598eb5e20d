package dev.agentry.common.page;

import dev.agentry.common.error.ValidationException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

/**
 * A bounded page request: how many rows, and after which row (keyset on the time-ordered id, so a
 * page costs the same however deep it is). The cursor is opaque to callers.
 */
public record PageRequest(int limit, UUID after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** From the {@code limit} and {@code cursor} query parameters; bad values are a 400 naming them. */
    public static PageRequest of(Integer limit, String cursor) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(size, cursor == null || cursor.isBlank() ? null : decode(cursor));
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }

    /** One more row than the page holds: its presence says there is a next page. */
    public int fetchSize() {
        return limit + 1;
    }

    static String encode(UUID id) {
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    static UUID decode(String cursor) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(cursor);
            if (raw.length != 16) {
                throw new IllegalArgumentException();
            }
            ByteBuffer bytes = ByteBuffer.wrap(raw);
            return new UUID(bytes.getLong(), bytes.getLong());
        } catch (IllegalArgumentException e) {
            throw new ValidationException("cursor", "is not a cursor this API issued");
        }
    }
}
