package dev.agentry.config;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every log record of the test JVM while installed, formatted with its parameters and stack, on the
 * root java.util.logging logger (JBoss LogManager, which Quarkus logs through, honours it). While
 * installed, Agentry's own categories log at every level (debug lines such as the 4xx problem
 * details included), so a secret that reached any log statement would be seen.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Logger agentry = Logger.getLogger("dev.agentry");
    private final Level previous = agentry.getLevel();

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.setLevel(Level.ALL);
        capture.agentry.setLevel(Level.ALL);
        capture.root.addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
        if (record.getParameters() != null) {
            for (Object p : record.getParameters()) {
                line.append(' ').append(p);
            }
        }
        if (record.getThrown() != null) {
            StringWriter stack = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(stack));
            line.append(' ').append(stack);
        }
        lines.add(line.toString());
    }

    public List<String> lines() {
        return Collections.unmodifiableList(lines);
    }

    public boolean contains(String text) {
        return lines.stream().anyMatch(l -> l.contains(text));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        agentry.setLevel(previous);
    }
}
