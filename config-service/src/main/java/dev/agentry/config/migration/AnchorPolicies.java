package dev.agentry.config.migration;

/**
 * Plan-wide policies. {@code unmapped_step}: what to do with a session whose step the map does not
 * know (a step id from outside the version's steps, e.g. a session corrupted or edited by hand);
 * default RESTART; never MAP. {@code preserve_variables}: whether the session keeps its variables
 * when it moves (default true).
 */
public record AnchorPolicies(StepAction unmappedStep, Boolean preserveVariables) {

    public static final AnchorPolicies DEFAULT = new AnchorPolicies(StepAction.RESTART, true);

    public AnchorPolicies withDefaults() {
        return new AnchorPolicies(unmappedStep == null ? StepAction.RESTART : unmappedStep,
                preserveVariables == null || preserveVariables);
    }
}
