package dev.agentry.common.db;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Small conversions between rows and Java values that every store needs. */
public final class Rows {

    private Rows() {
    }

    public static <T> List<T> list(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(mapper.apply(row));
        }
        return out;
    }

    public static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> mapper) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(mapper.apply(it.next())) : Optional.empty();
    }

    public static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    public static OffsetDateTime timestamp(Instant value) {
        return value == null ? null : value.atOffset(java.time.ZoneOffset.UTC);
    }

    /** A jsonb object column as a map (empty when SQL NULL). */
    public static Map<String, Object> object(Row row, String column) {
        Object value = row.getValue(column);
        return value instanceof JsonObject json ? json.getMap() : Map.of();
    }

    /** A jsonb array column as a list of strings (empty when SQL NULL). */
    public static List<String> strings(Row row, String column) {
        Object value = row.getValue(column);
        if (!(value instanceof JsonArray json)) {
            return List.of();
        }
        List<String> out = new ArrayList<>(json.size());
        json.forEach(v -> out.add(String.valueOf(v)));
        return out;
    }

    /** An enum stored as its lower-case name (the same spelling as on the wire). */
    public static <E extends Enum<E>> E enumValue(Row row, String column, Class<E> type) {
        String value = row.getString(column);
        return value == null ? null : Enum.valueOf(type, value.toUpperCase(java.util.Locale.ROOT));
    }

    public static String wire(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(java.util.Locale.ROOT);
    }

    public static JsonObject jsonb(Map<String, Object> value) {
        return value == null ? new JsonObject() : new JsonObject(value);
    }

    public static JsonArray jsonb(List<?> value) {
        return value == null ? new JsonArray() : new JsonArray(new ArrayList<>(value));
    }
}
