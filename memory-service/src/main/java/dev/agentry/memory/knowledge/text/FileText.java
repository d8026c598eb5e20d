package dev.agentry.memory.knowledge.text;

import dev.agentry.common.error.ServiceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.HttpHeaders;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.Office;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.epub.EpubParser;
import org.apache.tika.parser.html.JSoupParser;
import org.apache.tika.parser.microsoft.OfficeParser;
import org.apache.tika.parser.microsoft.ooxml.OOXMLParser;
import org.apache.tika.parser.microsoft.rtf.RTFParser;
import org.apache.tika.parser.odf.OpenDocumentParser;
import org.apache.tika.parser.pdf.PDFParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The text of an uploaded file, extracted with Apache Tika in process (no network, no native tool,
 * no OCR). The type is detected from the bytes (the declared media type and the file name are
 * hints only) and only the parsers named here run, so a format this service does not index is
 * refused rather than half-read. The text comes out as light Markdown the {@link Chunker} already
 * understands: h1..h3 become {@code #}..{@code ###} headings (a heading path), every paragraph,
 * list item and table row a paragraph (a spreadsheet's sheet name is its heading), and each page
 * (a PDF page, a slide) ends with a form feed. Embedded files (pictures, attachments) are not read.
 *
 * <p>Blocking (parsing a large file takes seconds): call it on a worker thread, never on the event loop.
 */
public final class FileText {

    /** What a file said of itself and its text, ready for {@link DocumentText#normalise}. */
    public record Extracted(FileType type, String mediaType, String text, String title, String author, String language,
            Integer pageCount) {

        /** Metadata the document records (only what the file told). */
        public Map<String, Object> metadata() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("media_type", mediaType);
            if (author != null) {
                m.put("author", author);
            }
            if (language != null) {
                m.put("language", language);
            }
            if (pageCount != null) {
                m.put("page_count", pageCount);
            }
            return m;
        }
    }

    private static final Detector DETECTOR = new DefaultDetector();
    private static final Pattern LANGUAGE = Pattern.compile("^([A-Za-z]{2,3})(?:[-_].*)?$");
    private static final Pattern MARKDOWN_START = Pattern.compile("^(#|```|~~~)");

    private FileText() {
    }

    /**
     * The type of the file, from its bytes and file name. The declared media type is believed only
     * where the bytes cannot tell (an HTML fragment, Markdown read as plain text): bytes that are not
     * a PDF stay unsupported whatever the request calls them.
     */
    public static String detect(Path file, String declaredType, String filename) throws IOException {
        Metadata hints = hints(null, filename);
        String detected;
        try (TikaInputStream in = TikaInputStream.get(file, hints)) {
            detected = DETECTOR.detect(in, hints).getBaseType().toString();
        }
        FileType declared = FileType.ofAnyMediaType(declaredType);
        if ("text/plain".equals(detected) && declared != null && (declared == FileType.HTML || declared.plain())) {
            return declared.mediaType();
        }
        return detected;
    }

    /**
     * Extracts a file's text and description. 415 when its type is not one this service reads, 422
     * when it is encrypted, unreadable or holds no text, 413 when its text is over {@code maxChars}.
     */
    public static Extracted extract(Path file, String declaredType, String filename, long maxChars) {
        String detected;
        try {
            detected = detect(file, declaredType, filename);
        } catch (IOException e) {
            throw unreadable(e);
        }
        FileType type = FileType.ofAnyMediaType(detected);
        if (type == null || type.plain()) {
            // Plain text is read by the caller as it is; anything else we do not index.
            if (type != null) {
                return new Extracted(type, detected, null, null, null, null, null);
            }
            throw new ServiceException(415, "unsupported-file-type", "Unsupported Media Type",
                    "files of type " + detected + " are not indexed; supported: pdf, docx, doc, pptx, ppt, xlsx, xls, html, epub, rtf, "
                            + "odt, ods, odp, txt, md, csv",
                    List.of());
        }
        Metadata metadata = hints(declaredType, filename);
        metadata.set(HttpHeaders.CONTENT_TYPE, detected);
        Structure handler = new Structure(maxChars);
        try (InputStream in = TikaInputStream.get(file, metadata)) {
            parser(type).parse(in, handler, metadata, context());
        } catch (EncryptedDocumentException e) {
            throw new ServiceException(422, "encrypted-file", "Unprocessable Content",
                    "the file is encrypted (password-protected): its text cannot be read; upload it without a password", List.of());
        } catch (ZeroByteFileException e) {
            throw noText();
        } catch (SAXException e) {
            if (handler.overflow) {
                throw new ServiceException(413, "payload-too-large", "Payload Too Large",
                        "the text of the file exceeds the limit of " + maxChars + " characters", List.of());
            }
            throw unreadable(e);
        } catch (IOException | TikaException | RuntimeException e) {
            if (handler.overflow) {
                throw new ServiceException(413, "payload-too-large", "Payload Too Large",
                        "the text of the file exceeds the limit of " + maxChars + " characters", List.of());
            }
            if (hasCause(e, EncryptedDocumentException.class) || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("encrypt")) {
                throw new ServiceException(422, "encrypted-file", "Unprocessable Content",
                        "the file is encrypted (password-protected): its text cannot be read; upload it without a password", List.of());
            }
            throw unreadable(e);
        }
        String text = handler.text();
        if (text.replace('\f', ' ').isBlank()) {
            throw noText();
        }
        Integer pages = pages(metadata, handler.pages);
        return new Extracted(type, detected, text, first(metadata, TikaCoreProperties.TITLE.getName()),
                first(metadata, TikaCoreProperties.CREATOR.getName()), language(metadata), pages);
    }

    private static Parser parser(FileType type) {
        return switch (type) {
            case PDF -> new PDFParser();
            case DOCX, PPTX, XLSX -> new OOXMLParser();
            case DOC, PPT, XLS -> new OfficeParser();
            case HTML -> new JSoupParser();
            case EPUB -> new EpubParser();
            case RTF -> new RTFParser();
            case ODT, ODS, ODP -> new OpenDocumentParser();
            default -> throw new IllegalArgumentException(type.name());
        };
    }

    private static ParseContext context() {
        ParseContext context = new ParseContext();
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        pdf.setExtractInlineImages(false);
        pdf.setSortByPosition(true);
        context.set(PDFParserConfig.class, pdf);
        // No Parser in the context: embedded documents (pictures, attachments) are skipped.
        return context;
    }

    private static Metadata hints(String declaredType, String filename) {
        Metadata m = new Metadata();
        if (filename != null) {
            m.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
        }
        if (declaredType != null && !declaredType.isBlank()) {
            MediaType parsed = MediaType.parse(declaredType);
            if (parsed != null && !parsed.getBaseType().toString().equals("application/octet-stream")) {
                m.set(HttpHeaders.CONTENT_TYPE, parsed.getBaseType().toString());
            }
        }
        return m;
    }

    private static Integer pages(Metadata m, int counted) {
        for (String key : List.of(PagedText.N_PAGES.getName(), Office.PAGE_COUNT.getName(), Office.SLIDE_COUNT.getName())) {
            String v = m.get(key);
            if (v != null) {
                try {
                    int n = Integer.parseInt(v.strip());
                    if (n > 0) {
                        return n;
                    }
                } catch (NumberFormatException ignored) {
                    // Counted below.
                }
            }
        }
        return counted > 0 ? counted : null;
    }

    private static String language(Metadata m) {
        for (String key : List.of(TikaCoreProperties.LANGUAGE.getName(), "Content-Language", "language")) {
            String v = m.get(key);
            if (v != null) {
                var matcher = LANGUAGE.matcher(v.strip());
                if (matcher.matches()) {
                    return matcher.group(1).toLowerCase(Locale.ROOT);
                }
            }
        }
        return null;
    }

    private static String first(Metadata m, String key) {
        String v = m.get(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        String s = v.strip().replaceAll("\\s+", " ");
        return s.length() > 500 ? s.substring(0, 500) : s;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static ServiceException noText() {
        return new ServiceException(422, "no-text", "Unprocessable Content",
                "the file holds no text (a scanned or image-only document? text in pictures is not recognised here)", List.of());
    }

    private static ServiceException unreadable(Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (why.length() > 300) {
            why = why.substring(0, 300);
        }
        return new ServiceException(422, "unreadable-file", "Unprocessable Content", "the file could not be read: " + why, List.of());
    }

    /** Tika's XHTML events, written as light Markdown with form feeds between pages. */
    static final class Structure extends DefaultHandler {

        private static final Set<String> BLOCKS = Set.of("p", "div", "li", "tr", "blockquote", "pre", "h4", "h5", "h6", "dt", "dd",
                "section", "article", "table", "ul", "ol", "body");
        private static final Set<String> SKIPPED = Set.of("head", "script", "style", "title");

        private final long maxChars;
        private final StringBuilder out = new StringBuilder();
        private final StringBuilder block = new StringBuilder();
        private final List<String> stack = new ArrayList<>();
        private int skipping;
        private int heading;
        private int pages;
        private boolean overflow;

        Structure(long maxChars) {
            this.maxChars = maxChars;
        }

        String text() {
            flush();
            return out.toString();
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
            String name = localName == null || localName.isEmpty() ? qName : localName;
            name = name.toLowerCase(Locale.ROOT);
            String cls = atts.getValue("class");
            stack.add(name + (cls == null ? "" : "." + cls));
            if (skipping > 0 || SKIPPED.contains(name) || "slide-master-content".equals(cls) || "slide-notes".equals(cls)) {
                skipping++;
                return;
            }
            if (name.equals("div") && ("page".equals(cls) || "slide-content".equals(cls))) {
                flush();
                if (pages > 0) {
                    out.append("\f\n\n");
                }
                pages++;
                return;
            }
            if (name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '3') {
                flush();
                heading = name.charAt(1) - '0';
                return;
            }
            if (name.equals("br")) {
                block.append(' ');
            } else if (name.equals("td") || name.equals("th")) {
                if (!block.isEmpty() && !block.toString().isBlank()) {
                    block.append(" | ");
                }
            } else if (BLOCKS.contains(name)) {
                flush();
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            String name = stack.isEmpty() ? "" : stack.remove(stack.size() - 1);
            if (skipping > 0) {
                skipping--;
                return;
            }
            String bare = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
            if (heading > 0 && bare.length() == 2 && bare.charAt(0) == 'h') {
                flush();
                heading = 0;
            } else if (BLOCKS.contains(bare)) {
                flush();
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            if (skipping > 0) {
                return;
            }
            block.append(ch, start, length);
            if (out.length() + block.length() > maxChars) {
                overflow = true;
                throw new SAXException("text limit reached");
            }
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) {
            // Layout only.
        }

        private void flush() {
            String text = block.toString().replaceAll("\\s+", " ").strip();
            block.setLength(0);
            if (text.isEmpty() || text.equals("|")) {
                return;
            }
            if (heading > 0) {
                out.append("#".repeat(heading)).append(' ').append(text.replace("#", "")).append("\n\n");
            } else {
                // A paragraph that would read as Markdown syntax (a heading, a code fence) is escaped.
                out.append(MARKDOWN_START.matcher(text).find() ? "\\" + text : text).append("\n\n");
            }
        }
    }
}
