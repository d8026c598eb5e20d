package dev.agentry.audit.store;

import dev.agentry.common.error.ValidationException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A half-open time range {@code [from, to)} of a query; either end open means "all of it". */
public record TimeRange(Instant from, Instant to) {

    /** From the {@code from} and {@code to} query parameters; {@code to} before {@code from} is a 400. */
    public static TimeRange of(Instant from, Instant to) {
        Instant start = from == null ? RecordRows.EARLIEST : from;
        Instant end = to == null ? Instant.now().plus(RecordRows.MAX_SKEW_HOURS + 1, ChronoUnit.HOURS) : to;
        if (!end.isAfter(start)) {
            throw new ValidationException("to", "must be after from");
        }
        return new TimeRange(start, end);
    }
}
