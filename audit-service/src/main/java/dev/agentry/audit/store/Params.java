package dev.agentry.audit.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;

/** Small helpers the stores share. */
public final class Params {

    private Params() {
    }

    /** A tuple that may hold nulls (Tuple.of takes at most six values; Tuple.from no nulls in List.of). */
    public static Tuple tuple(Object... values) {
        Tuple t = Tuple.tuple();
        for (Object v : values) {
            t.addValue(v);
        }
        return t;
    }

    /** A UUID query parameter; malformed is a 400 naming it (JAX-RS would answer 404). */
    public static java.util.UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.strip().length() != 36) {
                throw new IllegalArgumentException();
            }
            return java.util.UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new dev.agentry.common.error.ValidationException(name, "must be a UUID");
        }
    }

    /** A jsonb value read from a row as plain Java (maps, lists, scalars) for the JSON answer. */
    public static Object plain(Object value) {
        if (value instanceof JsonObject json) {
            return json.getMap();
        }
        if (value instanceof JsonArray json) {
            return json.getList();
        }
        return value;
    }
}
