package dev.agentry.audit.store;

import java.util.Set;

/** One column an audit record's {@code data} may (or must) hold: its wire name, type and bounds. */
record Column(String name, Type type, boolean required, int maxLength, Set<String> allowed) {

    enum Type {
        UUID("uuid"), TEXT("text"), INT("integer"), BIGINT("bigint"), DECIMAL("numeric"), OBJECT(null), ARRAY(null),
        JSON(null), TIME("timestamptz"), INET("inet");

        /** The SQL cast applied to {@code doc->>'name'}; null for JSON values, read with {@code doc->'name'}. */
        final String cast;

        Type(String cast) {
            this.cast = cast;
        }
    }

    static Column of(String name, Type type) {
        return new Column(name, type, false, 0, Set.of());
    }

    static Column required(String name, Type type) {
        return new Column(name, type, true, 0, Set.of());
    }

    static Column text(String name, int maxLength, boolean required) {
        return new Column(name, Type.TEXT, required, maxLength, Set.of());
    }

    static Column oneOf(String name, Set<String> allowed) {
        return new Column(name, Type.TEXT, true, 0, allowed);
    }

    /** How the insert reads this column from the record's JSON document. */
    String selectExpression() {
        return type.cast == null ? "(doc->'" + name + "')" : "(doc->>'" + name + "')::" + type.cast;
    }
}
