package dev.agentry.common.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.error.ValidationException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VectorCodecTest {

    @Test
    void toSqlWritesPgvectorTextLiteral() {
        assertEquals("[1.0,-2.5,0.125]", VectorCodec.toSql(new float[] {1f, -2.5f, 0.125f}));
    }

    @Test
    void fromSqlReadsPgvectorTextOutput() {
        // How PostgreSQL prints a vector column cast to text.
        assertArrayEquals(new float[] {1f, -2.5f, 1e-05f, 3e+20f}, VectorCodec.fromSql("[1,-2.5,1e-05,3e+20]"));
        assertNull(VectorCodec.fromSql(null));
    }

    @Test
    void roundTripIsExactForEdgeValues() {
        float[] vector = {0f, -0f, 1f, -1f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
                -Float.MAX_VALUE, 0.1f, 1e-7f, 123456.789f, (float) Math.PI};
        float[] back = VectorCodec.fromSql(VectorCodec.toSql(vector));
        assertEquals(vector.length, back.length);
        for (int i = 0; i < vector.length; i++) {
            // Bit-exact, so -0.0 stays -0.0 and no value loses a ulp in decimal text.
            assertEquals(Float.floatToRawIntBits(vector[i]), Float.floatToRawIntBits(back[i]), "index " + i);
        }
    }

    @Test
    void roundTripIsExactFor384RandomDimensions() {
        Random random = new Random(7);
        for (int n = 0; n < 50; n++) {
            float[] vector = new float[384];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = (float) random.nextGaussian() / 20f;
            }
            String sql = VectorCodec.toSql(vector);
            assertTrue(sql.startsWith("[") && sql.endsWith("]") && !sql.contains(" "), sql);
            assertArrayEquals(vector, VectorCodec.fromSql(sql));
        }
    }

    @Test
    void requireWidthAcceptsTheRightWidthAndReturnsTheSameArray() {
        float[] vector = new float[384];
        vector[0] = 0.5f;
        assertSame(vector, VectorCodec.requireWidth(vector, 384, "embedding"));
        float[] one = {-3f};
        assertSame(one, VectorCodec.requireWidth(one, 1, "embedding"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 383, 385, 768})
    void requireWidthRejectsOtherWidthsNamingTheField(int width) {
        ValidationException e = assertThrows(ValidationException.class,
                () -> VectorCodec.requireWidth(new float[width], 384, "query.vector"));
        assertEquals(400, e.status());
        assertEquals(1, e.errors().size());
        assertEquals("query.vector", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().contains("384"), e.errors().get(0).message());
        assertTrue(e.errors().get(0).message().contains(Integer.toString(width)), e.errors().get(0).message());
    }

    @ParameterizedTest
    @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void requireWidthRejectsNonFiniteValues(float bad) {
        for (int position : new int[] {0, 2, 3}) {
            float[] vector = {0.1f, 0.2f, 0.3f, 0.4f};
            vector[position] = bad;
            ValidationException e = assertThrows(ValidationException.class,
                    () -> VectorCodec.requireWidth(vector, 4, "embedding"));
            assertEquals("embedding", e.errors().get(0).field());
            assertTrue(e.errors().get(0).message().contains("finite"), e.errors().get(0).message());
        }
    }

    @Test
    void wrongWidthIsReportedEvenWhenValuesAreAlsoBad() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> VectorCodec.requireWidth(new float[] {Float.NaN}, 2, "v"));
        assertTrue(e.errors().get(0).message().contains("dimensions"), e.errors().get(0).message());
    }
}
