package dev.agentry.config.migration;

/**
 * What happens to a live session standing on an old step when the plan is applied:
 * {@code MAP} moves it to {@code to_step} of the new version; {@code RESTART} moves it to the new
 * version's entry step; {@code KEEP_ANCHOR} leaves it on the old version (its anchor) until it
 * leaves the scenario; {@code END} ends the scenario for that session.
 */
public enum StepAction {
    MAP, RESTART, KEEP_ANCHOR, END
}
