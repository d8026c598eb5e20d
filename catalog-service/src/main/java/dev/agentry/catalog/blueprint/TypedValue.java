package dev.agentry.catalog.blueprint;

import java.math.BigDecimal;

/** One attribute value in the column of its definition's type; exactly one part is set. */
public record TypedValue(String text, BigDecimal number, Boolean bool, Object json) {

    /** The value as it goes on the wire. */
    public Object wire() {
        if (text != null) {
            return text;
        }
        if (number != null) {
            return number;
        }
        if (bool != null) {
            return bool;
        }
        return json;
    }
}
