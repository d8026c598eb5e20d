package dev.agentry.catalog.imports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One record of an FAQ import, checked when the file is read: {@code question}, {@code answer}
 * (both required), {@code category}, {@code bot_code} (the bot whose entry it is; empty: the
 * tenant's bot-less FAQ), {@code domain_code}, {@code offering_code}, {@code priority},
 * {@code active} ({@code true}/{@code false}, default true). An entry is found by its bot and its
 * exact question.
 */
record FaqRow(String question, String answer, String category, String botCode, String domainCode, String offeringCode, int priority,
        boolean active) {

    static final List<String> COLUMNS = List.of("question", "answer", "category", "bot_code", "domain_code", "offering_code",
            "priority", "active");

    /** The row, or null with its errors added to {@code errors}. */
    static FaqRow parse(Map<String, Object> record, int row, List<ImportRowError> errors) {
        int before = errors.size();
        if (record == null) {
            errors.add(new ImportRowError(row, "$", "must be an object"));
            return null;
        }
        for (String key : record.keySet()) {
            if (!COLUMNS.contains(key)) {
                errors.add(new ImportRowError(row, key, "is not a column of an FAQ import"));
            }
        }
        ImportCells cells = new ImportCells(record, row, errors, null);
        String question = cells.text("question", 2000, true);
        String answer = cells.text("answer", 20000, true);
        String category = cells.text("category", 100, false);
        String bot = cells.text("bot_code", 64, false);
        String domain = cells.text("domain_code", 64, false);
        String offering = cells.text("offering_code", 100, false);
        int priority = 0;
        String p = cells.text("priority", 12, false);
        if (p != null) {
            try {
                priority = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                errors.add(new ImportRowError(row, "priority", "must be a whole number"));
            }
        }
        boolean active = true;
        String a = cells.text("active", 5, false);
        if (a != null) {
            if (a.equalsIgnoreCase("true") || a.equalsIgnoreCase("false")) {
                active = Boolean.parseBoolean(a.toLowerCase());
            } else {
                errors.add(new ImportRowError(row, "active", "must be true or false"));
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return new FaqRow(question, answer, category, bot, domain, offering, priority, active);
    }

    /** The key of an entry within a file and in the table: its bot and its question. */
    String key() {
        return (botCode == null ? "" : botCode) + "\n" + question;
    }

    boolean sameAs(FaqRow other) {
        return equals(other);
    }

    Map<String, Object> toRecord() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("question", question);
        m.put("answer", answer);
        m.put("category", category);
        m.put("bot_code", botCode);
        m.put("domain_code", domainCode);
        m.put("offering_code", offeringCode);
        m.put("priority", Integer.toString(priority));
        m.put("active", Boolean.toString(active));
        return m;
    }

    static boolean same(Object a, Object b) {
        return Objects.equals(a, b);
    }
}
