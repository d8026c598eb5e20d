package dev.agentry.config.migration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Where one old step goes: a step of the new version ({@code MAP} with {@code to_step}) or a policy. */
public record StepMapping(@NotNull StepAction action, @Size(max = 64) String toStep) {

    public static StepMapping map(String toStep) {
        return new StepMapping(StepAction.MAP, toStep);
    }
}
