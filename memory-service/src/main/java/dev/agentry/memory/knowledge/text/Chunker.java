package dev.agentry.memory.knowledge.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Cuts a document's text into chunks of at most {@code size} characters on natural boundaries:
 * a Markdown heading always starts a new chunk (and names the chunk's section), paragraphs and
 * then sentences are packed whole, and only a sentence longer than a chunk is cut (at white space).
 * Consecutive chunks of one section share up to {@code overlap} characters of whole trailing
 * sentences, so that a fact split across the boundary is still found whole in one of them.
 * Pure and deterministic: the same text and settings give the same chunks (and hashes).
 */
public final class Chunker {

    /** One chunk: its text, its position, the heading path it sits under (empty for none). */
    public record Draft(int index, String content, String section, Integer page) {

        /** Without a page (a text with no page breaks). */
        public Draft(int index, String content, String section) {
            this(index, content, section, null);
        }

        /** Stored in the chunk's metadata: {@code section} (the heading path) and {@code page} (1-based). */
        public Map<String, Object> metadata() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (!section.isEmpty()) {
                m.put("section", section);
            }
            if (page != null) {
                m.put("page", page);
            }
            return m;
        }
    }

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~).*$");
    /** After ., !, ?, an ellipsis or CJK full stops, before white space: a sentence ends. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?\u2026\u3002\uff01\uff1f])[\"')\\]]*\\s+");

    private Chunker() {
    }

    public static List<Draft> chunk(String text, FileType type, int size, int overlap) {
        List<Section> sections = sections(text, type);
        List<Draft> out = new ArrayList<>();
        for (Section section : sections) {
            pack(section, size, overlap, out);
        }
        return out;
    }

    /**
     * A heading path and its units (sentences, rows, code blocks), with paragraph breaks marked, and
     * its page (null when the text has no page breaks): a page break ends a section, so no chunk
     * spans two pages.
     */
    private record Section(String path, Integer page, List<Unit> units) {
    }

    private record Unit(String text, boolean startsParagraph) {
    }

    private static List<Section> sections(String text, FileType type) {
        List<Section> sections = new ArrayList<>();
        String[] headings = new String[6];
        boolean paged = text.indexOf('\f') >= 0;
        Section current = new Section("", paged ? 1 : null, new ArrayList<>());
        StringBuilder paragraph = new StringBuilder();
        boolean inFence = false;
        // A form feed becomes a line of its own, so a page break is seen where it falls.
        for (String line : text.replace("\f", "\n\f\n").split("\n", -1)) {
            if (line.equals("\f")) {
                flush(paragraph, current, type);
                if (inFence) {
                    current.units().add(new Unit(paragraph.toString().strip(), true));
                    paragraph.setLength(0);
                    inFence = false;
                }
                if (!current.units().isEmpty()) {
                    sections.add(current);
                }
                current = new Section(current.path(), current.page() + 1, new ArrayList<>());
                continue;
            }
            if (type == FileType.MD && FENCE.matcher(line).matches()) {
                paragraph.append(line).append('\n');
                if (inFence) {
                    // A code block is one unit: cutting it into "sentences" would mangle it.
                    current.units().add(new Unit(paragraph.toString().strip(), true));
                    paragraph.setLength(0);
                }
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                paragraph.append(line).append('\n');
                continue;
            }
            var heading = type == FileType.MD ? HEADING.matcher(line) : null;
            if (heading != null && heading.matches()) {
                flush(paragraph, current, type);
                if (!current.units().isEmpty()) {
                    sections.add(current);
                }
                int level = heading.group(1).length();
                headings[level - 1] = heading.group(2).strip();
                for (int i = level; i < headings.length; i++) {
                    headings[i] = null;
                }
                List<String> path = new ArrayList<>();
                for (String h : headings) {
                    if (h != null) {
                        path.add(h);
                    }
                }
                current = new Section(String.join(" > ", path), current.page(), new ArrayList<>());
                // The heading line stays in the text: it is what a reader (and the ranking) sees first.
                current.units().add(new Unit(line.strip(), true));
                continue;
            }
            if (type == FileType.CSV) {
                if (!line.isBlank()) {
                    current.units().add(new Unit(line.strip(), true));
                }
                continue;
            }
            if (line.isBlank()) {
                flush(paragraph, current, type);
            } else {
                paragraph.append(line.strip()).append(' ');
            }
        }
        if (inFence) {
            current.units().add(new Unit(paragraph.toString().strip(), true));
            paragraph.setLength(0);
        }
        flush(paragraph, current, type);
        if (!current.units().isEmpty()) {
            sections.add(current);
        }
        return sections;
    }

    private static void flush(StringBuilder paragraph, Section section, FileType type) {
        String p = paragraph.toString().strip();
        paragraph.setLength(0);
        if (p.isEmpty()) {
            return;
        }
        boolean first = true;
        for (String sentence : SENTENCE_END.split(p)) {
            if (!sentence.isBlank()) {
                section.units().add(new Unit(sentence.strip(), first));
                first = false;
            }
        }
    }

    private static void pack(Section section, int size, int overlap, List<Draft> out) {
        List<Unit> units = new ArrayList<>();
        for (Unit u : section.units()) {
            if (u.text().length() <= size) {
                units.add(u);
            } else {
                boolean first = u.startsParagraph();
                for (String piece : split(u.text(), size)) {
                    units.add(new Unit(piece, first));
                    first = false;
                }
            }
        }
        List<Unit> chunk = new ArrayList<>();
        int length = 0;
        for (Unit u : units) {
            int added = chunk.isEmpty() ? u.text().length() : u.text().length() + (u.startsParagraph() ? 2 : 1);
            if (!chunk.isEmpty() && length + added > size) {
                out.add(new Draft(out.size(), join(chunk), section.path(), section.page()));
                chunk = tail(chunk, overlap, size - u.text().length() - 2);
                length = join(chunk).length();
                added = chunk.isEmpty() ? u.text().length() : u.text().length() + (u.startsParagraph() ? 2 : 1);
            }
            chunk.add(u);
            length += added;
        }
        if (!chunk.isEmpty()) {
            out.add(new Draft(out.size(), join(chunk), section.path(), section.page()));
        }
    }

    /** The last whole units of a chunk that fit in {@code overlap} characters (and leave room for what comes). */
    private static List<Unit> tail(List<Unit> chunk, int overlap, int room) {
        List<Unit> kept = new ArrayList<>();
        int length = 0;
        for (int i = chunk.size() - 1; i > 0; i--) {
            Unit u = chunk.get(i);
            int next = length + u.text().length() + (kept.isEmpty() ? 0 : 1);
            if (next > overlap || next > room) {
                break;
            }
            kept.add(0, u);
            length = next;
        }
        return kept;
    }

    private static String join(List<Unit> units) {
        StringBuilder sb = new StringBuilder();
        for (Unit u : units) {
            if (!sb.isEmpty()) {
                sb.append(u.startsParagraph() ? "\n\n" : " ");
            }
            sb.append(u.text());
        }
        return sb.toString();
    }

    /** Cuts an over-long sentence at white space (or hard, when a word is longer than a chunk). */
    private static List<String> split(String text, int size) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + size);
            if (end < text.length()) {
                int space = text.lastIndexOf(' ', end);
                if (space > start) {
                    end = space;
                }
            }
            String piece = text.substring(start, end).strip();
            if (!piece.isEmpty()) {
                pieces.add(piece);
            }
            start = end;
        }
        return pieces;
    }
}
