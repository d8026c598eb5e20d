package dev.agentry.catalog.guardrail;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in detectors a guardrail expression reads as {@code matches.<name>}, and the tenant's
 * keyword lists. Each finds spans of the (NFC-normalised) message, which a {@code redact}
 * guardrail replaces. A digit run is claimed by the first detector that accepts it, in this order:
 * <ul>
 * <li>{@code payment_card}: 13 to 19 digits, optionally grouped by single spaces or hyphens, that
 * pass the Luhn check;</li>
 * <li>{@code vn_citizen_id}: exactly 12 contiguous digits whose first three are a province code
 * (001 to 096), the Vietnamese citizen identity card (CCCD);</li>
 * <li>{@code phone}: 9 to 15 digits starting with {@code +} or {@code 0}, optionally grouped by
 * spaces, dots, hyphens or a parenthesised area code (0912 345 678, +84 912 345 678);</li>
 * <li>{@code email}: local@domain.tld.</li>
 * </ul>
 * Keyword lists match whole words or phrases, case- and accent-insensitively ("khuyen mai" finds
 * "Khuyến mãi").
 */
final class Detectors {

    static final String EMAIL = "email";
    static final String PHONE = "phone";
    static final String PAYMENT_CARD = "payment_card";
    static final String VN_CITIZEN_ID = "vn_citizen_id";
    static final Set<String> BUILT_IN = Set.of(EMAIL, PHONE, PAYMENT_CARD, VN_CITIZEN_ID);

    private static final Pattern EMAIL_PATTERN = Pattern.compile(
            "(?<![\\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(?![\\w])");
    private static final Pattern CARD_PATTERN = Pattern.compile("(?<![\\d])\\d(?:[ -]?\\d){12,18}(?![\\d])");
    private static final Pattern CITIZEN_ID_PATTERN = Pattern.compile("(?<![\\d])\\d{12}(?![\\d])");
    private static final Pattern PHONE_PATTERN = Pattern.compile(
            "(?<![\\w+])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{2,5}(?:[ .-]?\\d{2,5}){1,4}(?![\\w])");

    private Detectors() {
    }

    /** A found span [start, end) of the message. */
    record Span(int start, int end) {
    }

    /** Spans by detector name: every built-in detector (possibly empty) and each keyword list given. */
    static Map<String, List<Span>> detect(String message, Map<String, Pattern> keywordLists) {
        Map<String, List<Span>> out = new LinkedHashMap<>();
        List<Span> claimed = new ArrayList<>();
        out.put(PAYMENT_CARD, claim(message, CARD_PATTERN, claimed, Detectors::isCard));
        out.put(VN_CITIZEN_ID, claim(message, CITIZEN_ID_PATTERN, claimed, Detectors::isCitizenId));
        out.put(EMAIL, claim(message, EMAIL_PATTERN, claimed, s -> true));
        out.put(PHONE, claim(message, PHONE_PATTERN, claimed, Detectors::isPhone));
        if (!keywordLists.isEmpty()) {
            String folded = fold(message);
            keywordLists.forEach((name, pattern) -> {
                List<Span> spans = new ArrayList<>();
                Matcher m = pattern.matcher(folded);
                while (m.find()) {
                    spans.add(new Span(m.start(), m.end()));
                }
                out.put(name, spans);
            });
        }
        return out;
    }

    private static List<Span> claim(String message, Pattern pattern, List<Span> claimed, java.util.function.Predicate<String> accept) {
        List<Span> spans = new ArrayList<>();
        Matcher m = pattern.matcher(message);
        while (m.find()) {
            Span s = new Span(m.start(), m.end());
            if (accept.test(m.group()) && claimed.stream().noneMatch(c -> c.start() < s.end() && s.start() < c.end())) {
                spans.add(s);
            }
        }
        claimed.addAll(spans);
        return spans;
    }

    static boolean isCard(String candidate) {
        String digits = candidate.replaceAll("[ -]", "");
        return digits.length() >= 13 && digits.length() <= 19 && luhn(digits);
    }

    /** The Luhn checksum: from the right, every second digit doubled (minus 9 above 9); the sum is a multiple of 10. */
    static boolean luhn(String digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    static boolean isCitizenId(String candidate) {
        int province = Integer.parseInt(candidate.substring(0, 3));
        return province >= 1 && province <= 96;
    }

    static boolean isPhone(String candidate) {
        String digits = candidate.replaceAll("\\D", "");
        String first = candidate.replace("(", "");
        return digits.length() >= 9 && digits.length() <= 15 && (first.startsWith("+") || first.startsWith("0"));
    }

    /**
     * Lower case without accents, one char for one char (so that spans of the folded text are spans
     * of the message): each char's canonical decomposition keeps its base letter; đ is d.
     */
    static String fold(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'đ' || c == 'Đ') {
                b.append('d');
            } else if (c < 128) {
                b.append(Character.toLowerCase(c));
            } else {
                String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
                b.append(Character.toLowerCase(d.charAt(0)));
            }
        }
        return b.toString();
    }

    /** One keyword list as a pattern over folded text: any of its words or phrases, whole. */
    static Pattern keywordPattern(List<String> words) {
        List<String> folded = words.stream().map(w -> fold(Normalizer.normalize(w.strip(), Normalizer.Form.NFC)))
                .filter(w -> !w.isEmpty()).distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        StringBuilder alternatives = new StringBuilder();
        for (String w : folded) {
            if (alternatives.length() > 0) {
                alternatives.append('|');
            }
            alternatives.append(Pattern.quote(w).replace(" ", "\\E\\s+\\Q"));
        }
        return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])");
    }

    /** The message with every span replaced by its detector's placeholder ([EMAIL], [PHONE], ..., [REDACTED] for keywords). */
    static String redact(String message, Map<String, List<Span>> spansByDetector) {
        List<Object[]> all = new ArrayList<>();
        spansByDetector.forEach((name, spans) -> spans.forEach(s -> all.add(new Object[] { s, placeholder(name) })));
        all.sort(Comparator.comparingInt(o -> ((Span) o[0]).start()));
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Object[] o : all) {
            Span s = (Span) o[0];
            if (s.start() < at) {
                // Overlaps what was already replaced: extend over it.
                if (s.end() > at) {
                    at = s.end();
                }
                continue;
            }
            out.append(message, at, s.start()).append((String) o[1]);
            at = s.end();
        }
        out.append(message.substring(at));
        return out.toString();
    }

    private static String placeholder(String detector) {
        return BUILT_IN.contains(detector) ? "[" + detector.toUpperCase(java.util.Locale.ROOT) + "]" : "[REDACTED]";
    }
}
