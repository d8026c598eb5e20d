package dev.agentry.profile.fieldvalue;

import dev.agentry.common.db.Rows;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which of a field's currently valid values is its value, and why.
 *
 * <p>A field can hold several valid values at once: each source keeps its own (a new value closes
 * only the previous value <em>of the same source</em>, because a low-confidence guess must not
 * erase what the customer said), and a merge brings the other profile's values beside the
 * survivor's. The current value is the first by this precedence, the first difference deciding:
 * <ol>
 * <li><b>verified</b> over not verified;</li>
 * <li><b>source rank</b>: {@code user_provided} &gt; {@code system} &gt; {@code extracted} &gt;
 * {@code inferred} (see {@link FieldSource});</li>
 * <li><b>higher confidence</b>;</li>
 * <li><b>most recent</b> {@code valid_from} (then the later, time-ordered id).</li>
 * </ol>
 * The reason given is the rule that separated the winner from the runner-up: {@code "verified"},
 * {@code "source user_provided outranks extracted"}, {@code "higher confidence (0.9 over 0.6)"},
 * {@code "most recent"}, or {@code "only current value"} when nothing competed.
 */
public final class FieldPrecedence {

    /** Best first. */
    public static final Comparator<FieldVersion> BEST_FIRST = Comparator
            .comparing(FieldVersion::verified, Comparator.reverseOrder())
            .thenComparing(v -> v.source().rank(), Comparator.reverseOrder())
            .thenComparing(FieldVersion::confidence, Comparator.reverseOrder())
            .thenComparing(FieldVersion::validFrom, Comparator.reverseOrder())
            .thenComparing(FieldVersion::id, Comparator.reverseOrder());

    private FieldPrecedence() {
    }

    /** Each field's current value, by field name in the order first met, from its valid values. */
    public static Map<String, CurrentField> current(List<FieldVersion> validValues) {
        Map<String, List<FieldVersion>> byName = new LinkedHashMap<>();
        for (FieldVersion v : validValues) {
            byName.computeIfAbsent(v.name(), n -> new ArrayList<>()).add(v);
        }
        Map<String, CurrentField> out = new LinkedHashMap<>();
        byName.forEach((name, candidates) -> {
            candidates.sort(BEST_FIRST);
            FieldVersion winner = candidates.get(0);
            String reason = candidates.size() == 1 ? "only current value" : reason(winner, candidates.get(1));
            out.put(name, new CurrentField(winner.value(), winner.source(), winner.confidence(), winner.verified(),
                    winner.validFrom(), winner.validTo(), winner.recordedBy(), reason, candidates.size()));
        });
        return out;
    }

    /** The rule that ranks {@code winner} before {@code runnerUp}. */
    static String reason(FieldVersion winner, FieldVersion runnerUp) {
        if (winner.verified() != runnerUp.verified()) {
            return "verified";
        }
        if (winner.source().rank() != runnerUp.source().rank()) {
            return "source " + Rows.wire(winner.source()) + " outranks " + Rows.wire(runnerUp.source());
        }
        if (winner.confidence() != runnerUp.confidence()) {
            return String.format(Locale.ROOT, "higher confidence (%s over %s)", winner.confidence(), runnerUp.confidence());
        }
        return "most recent";
    }
}
