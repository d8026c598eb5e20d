package dev.agentry.conversation.support;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds a tenant's phrases in a customer's text the way a person would: ignoring case and accents
 * ("Refund", "REFÚND" and "refund" are one word; so are "hoàn tiền" and "hoan tien"), on word
 * boundaries in any script ("refunded" is not "refund", "возврат" is found in "мне нужен возврат!"),
 * and a trailing {@code *} matches any ending ({@code возврат*} finds "возврата", since Russian
 * inflects its nouns).
 */
public final class Phrases {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Phrases() {
    }

    /** The first phrase of {@code phrases} that occurs in {@code text}, as the tenant wrote it. */
    public static Optional<String> firstIn(String text, List<String> phrases) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String haystack = fold(text);
        for (String phrase : phrases) {
            if (matcher(phrase).matcher(haystack).find()) {
                return Optional.of(phrase);
            }
        }
        return Optional.empty();
    }

    /** Lower case, without accents (đ, which does not decompose, becomes d), single spaces. */
    static String fold(String text) {
        String stripped = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return SPACES.matcher(stripped.toLowerCase(Locale.ROOT).replace('đ', 'd')).replaceAll(" ").trim();
    }

    private static Pattern matcher(String phrase) {
        String folded = fold(phrase);
        boolean prefix = folded.endsWith("*");
        if (prefix) {
            folded = folded.substring(0, folded.length() - 1).trim();
        }
        String body = Pattern.quote(folded).replace(" ", "\\E\\s+\\Q");
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + body + (prefix ? "" : "(?![\\p{L}\\p{N}])"));
    }
}
