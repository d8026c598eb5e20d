package dev.agentry.memory.knowledge.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns an uploaded body into the text that is chunked and hashed: line ends normalised, a byte
 * order mark and control characters dropped; CSV records become one line each, every value named
 * by its column ("name: value; price: 12"), so that a row found alone still says what it is.
 */
public final class DocumentText {

    private DocumentText() {
    }

    public static String normalise(String raw, FileType type) {
        String text = raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            // A form feed is a page break (what PDF-to-text tools write): the chunker numbers pages by it.
            if (c == '\n' || c == '\t' || c == '\f' || !Character.isISOControl(c)) {
                clean.appendCodePoint(c == '\t' ? ' ' : c);
            }
        });
        text = clean.toString();
        return type == FileType.CSV ? csvAsLines(text) : stripKeepingPages(text);
    }

    /** White space off both ends, but not a form feed: a blank first page still counts as page 1. */
    static String stripKeepingPages(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) != '\f' && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && text.charAt(end - 1) != '\f' && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    /** A rough token count (about four characters per token for English), stored with each chunk. */
    public static int estimateTokens(String text) {
        return (text.length() + 3) / 4;
    }

    /** RFC 4180 records (quoted fields may hold commas, quotes and line breaks) as named lines. */
    static String csvAsLines(String text) {
        List<List<String>> records = parseCsv(text);
        if (records.isEmpty()) {
            return "";
        }
        List<String> header = records.get(0);
        StringBuilder out = new StringBuilder();
        for (List<String> record : records.subList(1, records.size())) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < record.size(); i++) {
                String value = record.get(i).strip().replace('\n', ' ');
                if (value.isEmpty()) {
                    continue;
                }
                if (!line.isEmpty()) {
                    line.append("; ");
                }
                String name = i < header.size() ? header.get(i).strip() : "";
                line.append(name.isEmpty() ? value : name + ": " + value);
            }
            if (!line.isEmpty()) {
                out.append(line).append('\n');
            }
        }
        if (records.size() == 1) {
            // A header alone is still content.
            out.append(String.join("; ", header)).append('\n');
        }
        return out.toString().strip();
    }

    private static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n') {
                record.add(field.toString());
                field.setLength(0);
                if (any || record.size() > 1 || !record.get(0).isBlank()) {
                    records.add(record);
                }
                record = new ArrayList<>();
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (any || !field.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
