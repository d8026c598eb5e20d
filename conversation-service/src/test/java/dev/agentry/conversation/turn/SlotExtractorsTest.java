package dev.agentry.conversation.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SlotExtractorsTest {

    private static Map<String, String> slots(String message) {
        return SlotExtractors.extract(message).stream()
                .collect(Collectors.toMap(SlotExtractors.Extracted::key, SlotExtractors.Extracted::value));
    }

    @Test
    void eachTypedValueBecomesItsSlot() {
        Map<String, String> found = slots("My order #ZX-4471 has not come. Email me at An.Nguyen@Example.com or call "
                + "+84 90 123 4567. I paid $12.50 on 2026-11-30 for 2 pcs.");
        assertEquals("ZX-4471", found.get("order_number"));
        assertEquals("an.nguyen@example.com", found.get("email"));
        assertEquals("+84901234567", found.get("phone"));
        assertEquals("2026-11-30", found.get("date"));
        assertEquals("12.50 USD", found.get("amount"));
        assertEquals("2", found.get("quantity"));
    }

    @Test
    void vietnameseWordsAndCurrenciesToo() {
        Map<String, String> found = slots("Đơn hàng 88123 của tôi, 150000 đ, 3 cái");
        assertEquals("88123", found.get("order_number"));
        assertEquals("150000 VND", found.get("amount"));
        assertEquals("3", found.get("quantity"));
    }

    @Test
    void aMessageWithoutValuesHasNoSlots() {
        assertTrue(slots("Hello, I would like some help please").isEmpty());
        // A short number is neither a phone number nor, without the word, an order number.
        assertTrue(slots("I am 42 years old").isEmpty());
    }
}
