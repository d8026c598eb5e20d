package dev.agentry.memory.knowledge.text;

import java.util.Locale;

/** The plain formats a document may be uploaded in; each is read here, with no network. */
public enum FileType {
    TXT("text/plain"), MD("text/markdown"), CSV("text/csv");

    private final String mediaType;

    FileType(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** From a request's Content-Type (parameters such as charset ignored); null when not one of ours. */
    public static FileType ofMediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        String bare = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        for (FileType t : values()) {
            if (t.mediaType.equals(bare)) {
                return t;
            }
        }
        return "text/x-markdown".equals(bare) ? MD : null;
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
