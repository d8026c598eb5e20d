package dev.agentry.profile.fieldvalue;

/**
 * Where a field value came from, ranked for {@link FieldPrecedence} (higher rank wins when neither
 * or both values are verified):
 * <ol>
 * <li>{@code USER_PROVIDED} (4): the customer said it; a person is the authority on their own
 * details, and the one who may correct them;</li>
 * <li>{@code SYSTEM} (3): recorded by an integration or the platform itself (a CRM sync, the name a
 * channel reports, an OTP flow);</li>
 * <li>{@code EXTRACTED} (2): pulled out of conversation text by a model or parser;</li>
 * <li>{@code INFERRED} (1): guessed from behaviour or context.</li>
 * </ol>
 */
public enum FieldSource {
    USER_PROVIDED(4), SYSTEM(3), EXTRACTED(2), INFERRED(1);

    private final int rank;

    FieldSource(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }
}
