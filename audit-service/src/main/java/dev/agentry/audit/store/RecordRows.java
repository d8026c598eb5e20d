package dev.agentry.audit.store;

import dev.agentry.common.audit.AuditRecord;
import dev.agentry.common.error.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks a record against its table and builds the row document the batch insert reads. The
 * same checks serve the stream (a refused record is dead-lettered at once: retrying cannot fix it)
 * and the HTTP batch endpoint (400 naming {@code records[i].data.<field>}).
 */
public final class RecordRows {

    /** Earliest partition time accepted (the partition function's lower bound). */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** How far ahead of now a record's time may lie (clock skew), well inside the partitions made ahead. */
    public static final long MAX_SKEW_HOURS = 24;

    private static final Pattern INET = Pattern.compile("^[0-9A-Fa-f:.]{2,39}(/[0-9]{1,3})?$");
    private static final int MAX_TEXT = 100_000;

    private RecordRows() {
    }

    /** The row of {@code record}; {@code path} prefixes field names in errors ("" or "records[3]."). */
    public static AuditRow row(AuditRecord record, String path) {
        AuditTable table = AuditTable.of(record.kind());
        List<FieldError> errors = new ArrayList<>();
        JsonObject doc = new JsonObject();
        doc.put("id", record.id().toString());
        if (table.occurredColumn == null) {
            doc.put(table.timeColumn, record.occurredAt().toString());
        } else {
            doc.put(table.occurredColumn, record.occurredAt().toString());
        }
        Map<String, Object> data = record.data();
        for (String name : data.keySet()) {
            if (table.columns.stream().noneMatch(c -> c.name().equals(name))) {
                errors.add(new FieldError(path + "data." + name, "is not a field of " + table.table));
            }
        }
        for (Column column : table.columns) {
            Object value = data.get(column.name());
            if (value == null) {
                value = table.defaults.get(column.name());
            }
            String field = path + "data." + column.name();
            if (value == null) {
                if (column.required()) {
                    errors.add(new FieldError(field, "is required"));
                }
                continue;
            }
            String problem = check(column, value);
            if (problem != null) {
                errors.add(new FieldError(field, problem));
                continue;
            }
            doc.put(column.name(), normalise(column, value));
        }
        Instant partitionTime = record.occurredAt();
        String timeField = path + "occurred_at";
        if (table.occurredColumn != null) {
            timeField = path + "data." + table.timeColumn;
            String raw = doc.getString(table.timeColumn);
            partitionTime = raw == null ? null : Instant.parse(raw);
        }
        if (partitionTime != null && (partitionTime.isBefore(EARLIEST)
                || partitionTime.isAfter(Instant.now().plus(MAX_SKEW_HOURS, ChronoUnit.HOURS)))) {
            errors.add(new FieldError(timeField, "must lie between 2000-01-01 and a day from now"));
        }
        if (table == AuditTable.USAGE_METRICS && errors.isEmpty()
                && !Instant.parse(doc.getString("period_end")).isAfter(partitionTime)) {
            errors.add(new FieldError(path + "data.period_end", "must be after period_start"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRecordException(errors);
        }
        return new AuditRow(record, table, partitionTime, doc);
    }

    private static String check(Column column, Object value) {
        switch (column.type()) {
            case UUID -> {
                if (!(value instanceof String s) || !isUuid(s)) {
                    return "must be a UUID";
                }
            }
            case TEXT -> {
                if (!(value instanceof String s)) {
                    return "must be a string";
                }
                if (column.required() && s.isBlank()) {
                    return "must not be blank";
                }
                int max = column.maxLength() > 0 ? column.maxLength() : MAX_TEXT;
                if (s.length() > max) {
                    return "must be at most " + max + " characters";
                }
                if (!column.allowed().isEmpty() && !column.allowed().contains(s)) {
                    return "must be one of " + column.allowed().stream().sorted().toList();
                }
                if (s.indexOf('\0') >= 0) {
                    return "must not contain NUL characters";
                }
            }
            case INT, BIGINT -> {
                if (!(value instanceof Integer || value instanceof Long)) {
                    return "must be a whole number";
                }
                long v = ((Number) value).longValue();
                if (v < 0 || (column.type() == Column.Type.INT && v > Integer.MAX_VALUE)) {
                    return "must be between 0 and " + (column.type() == Column.Type.INT ? Integer.MAX_VALUE : Long.MAX_VALUE);
                }
            }
            case DECIMAL -> {
                if (!(value instanceof Number n)) {
                    return "must be a number";
                }
                BigDecimal d = new BigDecimal(n.toString());
                if (d.signum() < 0 || d.compareTo(BigDecimal.valueOf(99_999_999L)) > 0) {
                    return "must be between 0 and 99999999";
                }
            }
            case OBJECT -> {
                if (!(value instanceof Map<?, ?> || value instanceof JsonObject)) {
                    return "must be a JSON object";
                }
            }
            case ARRAY -> {
                if (!(value instanceof Collection<?> || value instanceof JsonArray)) {
                    return "must be a JSON array";
                }
            }
            case JSON -> {
                // any JSON value
            }
            case TIME -> {
                if (!(value instanceof String s)) {
                    return "must be an ISO-8601 time with an offset";
                }
                try {
                    OffsetDateTime.parse(s);
                } catch (DateTimeParseException e) {
                    return "must be an ISO-8601 time with an offset";
                }
            }
            case INET -> {
                if (!(value instanceof String s) || !INET.matcher(s).matches()) {
                    return "must be an IPv4 or IPv6 address";
                }
            }
            default -> throw new IllegalStateException(column.type().name());
        }
        return null;
    }

    private static Object normalise(Column column, Object value) {
        if (column.type() == Column.Type.TIME) {
            return OffsetDateTime.parse((String) value).toInstant().toString();
        }
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) map;
            return new JsonObject(m);
        }
        if (value instanceof List<?> list) {
            return new JsonArray(new ArrayList<>(list));
        }
        return value;
    }

    private static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
