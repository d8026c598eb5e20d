package dev.agentry.common.vector;

import com.pgvector.PGvector;
import dev.agentry.common.error.ValidationException;
import io.vertx.mutiny.sqlclient.Row;

/**
 * pgvector values through the Vert.x reactive client, which has no vector type: they travel as
 * text. Bind {@link #toSql} with a {@code $n::vector} cast; read a column with {@link #fromRow}.
 */
public final class VectorCodec {

    private VectorCodec() {
    }

    public static String toSql(float[] vector) {
        return new PGvector(vector).toString();
    }

    public static float[] fromSql(String text) {
        if (text == null) {
            return null;
        }
        String literal = text.strip();
        if (literal.length() < 3 || literal.charAt(0) != '[' || literal.charAt(literal.length() - 1) != ']') {
            throw new IllegalArgumentException("not a vector literal");
        }
        try {
            return new PGvector(literal).toArray();
        } catch (Exception e) {
            throw new IllegalArgumentException("not a vector literal", e);
        }
    }

    /** Reads a vector column selected as text ({@code embedding::text}). */
    public static float[] fromRow(Row row, String column) {
        Object value = row.getValue(column);
        return value == null ? null : fromSql(value.toString());
    }

    /** Refuses a caller-supplied vector of the wrong width or with non-finite values, naming the field. */
    public static float[] requireWidth(float[] vector, int width, String field) {
        if (vector.length != width) {
            throw new ValidationException(field, "must have " + width + " dimensions, got " + vector.length);
        }
        for (float v : vector) {
            if (!Float.isFinite(v)) {
                throw new ValidationException(field, "must contain only finite numbers");
            }
        }
        return vector;
    }
}
