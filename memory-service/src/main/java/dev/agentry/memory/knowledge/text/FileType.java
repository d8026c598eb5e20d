package dev.agentry.memory.knowledge.text;

import java.util.Locale;

/**
 * The formats a document may be uploaded in. The plain ones (txt, md, csv) are read as they are;
 * the others are files whose text {@link FileText} extracts with Apache Tika, in process.
 */
public enum FileType {
    TXT("text/plain"), MD("text/markdown"), CSV("text/csv"),
    PDF("application/pdf"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    DOC("application/msword"),
    PPTX("application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    PPT("application/vnd.ms-powerpoint"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    XLS("application/vnd.ms-excel"),
    HTML("text/html"),
    EPUB("application/epub+zip"),
    RTF("application/rtf"),
    ODT("application/vnd.oasis.opendocument.text"),
    ODS("application/vnd.oasis.opendocument.spreadsheet"),
    ODP("application/vnd.oasis.opendocument.presentation");

    private final String mediaType;

    FileType(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Whether the text is read as it is (txt, md, csv), not extracted from a file format. */
    public boolean plain() {
        return this == TXT || this == MD || this == CSV;
    }

    /** From a request's Content-Type (parameters such as charset ignored); null when not one of the plain ones. */
    public static FileType ofMediaType(String contentType) {
        FileType t = ofAnyMediaType(contentType);
        return t != null && t.plain() ? t : null;
    }

    /** From a media type, any of ours (detected or declared); null when none. */
    public static FileType ofAnyMediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        String bare = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        for (FileType t : values()) {
            if (t.mediaType.equals(bare)) {
                return t;
            }
        }
        return switch (bare) {
            case "text/x-markdown", "text/x-web-markdown" -> MD;
            case "application/xhtml+xml" -> HTML;
            case "text/rtf" -> RTF;
            default -> null;
        };
    }

    /** From a filename's extension; null when it has none we know. */
    public static FileType ofFilename(String filename) {
        if (filename == null) {
            return null;
        }
        String lower = filename.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".md") || lower.endsWith(".markdown")) {
            return MD;
        }
        if (lower.endsWith(".csv")) {
            return CSV;
        }
        return lower.endsWith(".txt") || lower.endsWith(".text") ? TXT : null;
    }
}
