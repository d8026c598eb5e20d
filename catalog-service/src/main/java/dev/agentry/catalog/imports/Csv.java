package dev.agentry.catalog.imports;

import dev.agentry.common.error.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 4180 CSV: comma separated, fields optionally in double quotes (a quote inside doubled; commas
 * and line breaks allowed inside), CRLF or LF line ends, a header line naming the columns. An empty
 * cell is null. A UTF-8 byte-order mark before the header is dropped.
 */
final class Csv {

    private Csv() {
    }

    /** The records as column-to-value maps, in file order; 400 (field {@code file}) for a malformed file. */
    static List<Map<String, Object>> records(String text) {
        List<List<String>> lines = parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
        if (lines.isEmpty()) {
            throw new ValidationException("file", "is empty: a header line and at least one record are needed");
        }
        List<String> header = lines.get(0);
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i) == null ? "" : header.get(i).strip();
            if (name.isEmpty()) {
                throw new ValidationException("file", "column " + (i + 1) + " of the header has no name");
            }
            if (header.subList(0, i).stream().anyMatch(h -> h != null && h.strip().equals(name))) {
                throw new ValidationException("file", "column " + name + " appears twice in the header");
            }
            header.set(i, name);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int r = 1; r < lines.size(); r++) {
            List<String> cells = lines.get(r);
            if (cells.size() == 1 && cells.get(0) == null) {
                continue; // a blank line
            }
            if (cells.size() != header.size()) {
                throw new ValidationException("file", "record " + r + " has " + cells.size() + " fields, the header " + header.size());
            }
            Map<String, Object> record = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                record.put(header.get(c), cells.get(c));
            }
            out.add(record);
        }
        if (out.isEmpty()) {
            throw new ValidationException("file", "has a header but no record");
        }
        return out;
    }

    private static List<List<String>> parse(String text) {
        List<List<String>> lines = new ArrayList<>();
        List<String> line = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    i++;
                    continue;
                }
                cell.append(ch);
                i++;
                continue;
            }
            if (ch == '"') {
                if (cell.length() > 0) {
                    throw new ValidationException("file", "line " + (lines.size() + 1) + ": a quote inside an unquoted field");
                }
                quoted = true;
                wasQuoted = true;
                i++;
            } else if (ch == ',') {
                line.add(value(cell, wasQuoted));
                cell.setLength(0);
                wasQuoted = false;
                i++;
            } else if (ch == '\r' || ch == '\n') {
                line.add(value(cell, wasQuoted));
                cell.setLength(0);
                wasQuoted = false;
                lines.add(line);
                line = new ArrayList<>();
                i += ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
            } else {
                if (wasQuoted) {
                    throw new ValidationException("file", "line " + (lines.size() + 1) + ": text after a closing quote");
                }
                cell.append(ch);
                i++;
            }
        }
        if (quoted) {
            throw new ValidationException("file", "a quoted field is not closed");
        }
        if (cell.length() > 0 || wasQuoted || !line.isEmpty()) {
            line.add(value(cell, wasQuoted));
            lines.add(line);
        }
        return lines;
    }

    private static String value(StringBuilder cell, boolean quoted) {
        return cell.length() == 0 && !quoted ? null : cell.toString();
    }
}
