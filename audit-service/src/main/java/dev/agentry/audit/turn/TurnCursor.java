package dev.agentry.audit.turn;

import dev.agentry.common.error.ValidationException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

/** The keyset of a session's turns, (turn_number, id), as an opaque cursor. */
record TurnCursor(int turnNumber, UUID id) {

    String encode() {
        ByteBuffer bytes = ByteBuffer.allocate(20);
        bytes.putInt(turnNumber).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    static TurnCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(cursor);
            if (raw.length != 20) {
                throw new IllegalArgumentException();
            }
            ByteBuffer bytes = ByteBuffer.wrap(raw);
            return new TurnCursor(bytes.getInt(), new UUID(bytes.getLong(), bytes.getLong()));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("cursor", "is not a cursor this API issued");
        }
    }
}
