package dev.agentry.catalog.support;

import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Numbered placeholders for SQL assembled from optional parts: {@code add(v)} answers {@code $n}. */
public final class SqlParams {

    private final List<Object> values = new ArrayList<>();

    public String add(Object value) {
        values.add(value);
        return "$" + values.size();
    }

    public Tuple tuple() {
        return Tuple.from(values);
    }
}
