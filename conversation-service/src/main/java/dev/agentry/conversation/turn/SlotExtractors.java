package dev.agentry.conversation.turn;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The typed extractors a turn runs on the customer's message, each with the confidence it earns
 * (a pattern, not a model): an e-mail address, a phone number, an order number, an ISO date, an
 * amount of money and a quantity. What they find becomes the session's context slots of the same
 * names. Deterministic and bounded (the message is at most 8,000 characters).
 */
final class SlotExtractors {

    /** A value found in a message, for the slot {@code key}. */
    record Extracted(String key, String value, BigDecimal confidence) {
    }

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}\\.[A-Za-z]{2,24}");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+])\\+?\\d[\\d ().-]{6,20}\\d(?!\\w)");
    private static final Pattern ORDER = Pattern.compile(
            "(?iu)(?:\\border(?:\\s+(?:no\\.?|number))?|đơn(?:\\s+hàng)?|#)\\s*#?\\s*([A-Z0-9][A-Z0-9-]{2,19})\\b");
    private static final Pattern DATE = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b");
    private static final Pattern MONEY = Pattern.compile(
            "(?iu)(?:([$€£₫])\\s?(\\d{1,12}(?:[.,]\\d{1,2})?))|(?:\\b(\\d{1,12}(?:[.,]\\d{1,2})?)\\s?(usd|eur|gbp|vnd|đ)(?!\\w))");
    private static final Pattern QUANTITY = Pattern.compile("(?iu)\\b(\\d{1,6})\\s?(?:x|pcs|pieces|items|units|cái|chiếc)\\b");
    private static final Map<String, String> CURRENCIES = Map.of("$", "USD", "€", "EUR", "£", "GBP", "₫", "VND", "đ", "VND");

    private SlotExtractors() {
    }

    static List<Extracted> extract(String message) {
        Map<String, Extracted> found = new LinkedHashMap<>();
        Matcher email = EMAIL.matcher(message);
        String rest = message;
        if (email.find()) {
            found.put("email", new Extracted("email", email.group().toLowerCase(java.util.Locale.ROOT), new BigDecimal("0.95")));
            rest = message.replace(email.group(), " ");
        }
        Matcher order = ORDER.matcher(message);
        while (order.find()) {
            String value = order.group(1);
            if (value.chars().anyMatch(Character::isDigit)) {
                found.putIfAbsent("order_number", new Extracted("order_number", value.toUpperCase(java.util.Locale.ROOT),
                        new BigDecimal("0.85")));
            }
        }
        // Digits of an e-mail address, a date or the order number are not a phone number.
        Matcher phone = PHONE.matcher(rest);
        String orderNumber = found.containsKey("order_number") ? found.get("order_number").value() : "";
        while (phone.find()) {
            String digits = phone.group().replaceAll("[^\\d+]", "");
            int count = digits.replace("+", "").length();
            if (count >= 8 && count <= 15 && !digits.equals(orderNumber) && !DATE.matcher(phone.group()).find()) {
                found.putIfAbsent("phone", new Extracted("phone", digits, new BigDecimal("0.8")));
            }
        }
        Matcher date = DATE.matcher(message);
        if (date.find()) {
            found.put("date", new Extracted("date", date.group(1), new BigDecimal("0.9")));
        }
        Matcher money = MONEY.matcher(message);
        if (money.find()) {
            String amount = (money.group(2) != null ? money.group(2) : money.group(3)).replace(',', '.');
            String symbol = money.group(1) != null ? money.group(1) : money.group(4).toLowerCase(java.util.Locale.ROOT);
            String currency = CURRENCIES.getOrDefault(symbol, symbol.toUpperCase(java.util.Locale.ROOT));
            found.put("amount", new Extracted("amount", amount + " " + currency, new BigDecimal("0.8")));
        }
        Matcher quantity = QUANTITY.matcher(message);
        if (quantity.find()) {
            found.put("quantity", new Extracted("quantity", quantity.group(1), new BigDecimal("0.7")));
        }
        return new ArrayList<>(found.values());
    }
}
