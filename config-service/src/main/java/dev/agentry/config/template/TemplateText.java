package dev.agentry.config.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentry.common.error.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Template syntax and rendering. {@code {name}} is a placeholder (a variable name: a letter or
 * {@code _}, then letters, digits or {@code _}); {@code {{} and {@code }}} are a literal brace; any
 * other brace is an error (so a typo never renders silently). Rendering puts a string value as it
 * is and any other JSON value as compact JSON; a placeholder without a value (absent or null) stays
 * in the text as {@code {name}} and is reported missing.
 */
public final class TemplateText {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private TemplateText() {
    }

    /** One piece of a parsed template: literal text, or a placeholder's name. */
    record Part(String text, boolean placeholder) {
    }

    /** The placeholders of {@code content}, in order of first use. */
    public static List<String> placeholders(String content) {
        Set<String> names = new LinkedHashSet<>();
        for (Part p : parse(content)) {
            if (p.placeholder()) {
                names.add(p.text());
            }
        }
        return List.copyOf(names);
    }

    public record Rendered(String text, List<String> missing) {
    }

    public static Rendered render(String content, Map<String, Object> values, ObjectMapper json) {
        StringBuilder out = new StringBuilder(content.length());
        Set<String> missing = new LinkedHashSet<>();
        for (Part p : parse(content)) {
            if (!p.placeholder()) {
                out.append(p.text());
                continue;
            }
            Object value = values.get(p.text());
            if (value == null) {
                missing.add(p.text());
                out.append('{').append(p.text()).append('}');
            } else if (value instanceof String s) {
                out.append(s);
            } else {
                try {
                    out.append(json.writeValueAsString(value));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return new Rendered(out.toString(), List.copyOf(missing));
    }

    static List<Part> parse(String content) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < content.length()) {
            char c = content.charAt(i);
            if (c == '{' && i + 1 < content.length() && content.charAt(i + 1) == '{') {
                literal.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < content.length() && content.charAt(i + 1) == '}') {
                literal.append('}');
                i += 2;
            } else if (c == '{') {
                int close = content.indexOf('}', i);
                String name = close < 0 ? "" : content.substring(i + 1, close);
                if (!NAME.matcher(name).matches()) {
                    throw new ValidationException("content", "unmatched or invalid '{' at offset " + i
                            + ": a placeholder is {variable_name}; write {{ for a literal brace");
                }
                if (!literal.isEmpty()) {
                    parts.add(new Part(literal.toString(), false));
                    literal.setLength(0);
                }
                parts.add(new Part(name, true));
                i = close + 1;
            } else if (c == '}') {
                throw new ValidationException("content", "unmatched '}' at offset " + i + ": write }} for a literal brace");
            } else {
                literal.append(c);
                i++;
            }
        }
        if (!literal.isEmpty()) {
            parts.add(new Part(literal.toString(), false));
        }
        return parts;
    }
}
