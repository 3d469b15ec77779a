package io.rollwave.api.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.rollwave.api.Bounds;

/** One canary step: either move the fleet up to {@code batch} devices (N or P%), or pause. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.batch) != has(self.pause)",
    message = "a step is either a batch or a pause, not both and not neither")
public record RolloutStep(
    @JsonPropertyDescription(
            "batch lets the window move devices until this many are at the new revision (an"
                + " integer from 1 to "
                + Bounds.MAX_COUNT
                + ", or 1% to 100% of the fleet, rounded up); the step passes once they are"
                + " available. Set batch or pause, not both.")
        @ValidationRule(
            value = IntOrPercentRules.POSITIVE,
            message = IntOrPercentRules.POSITIVE_MESSAGE)
        IntOrString batch,
    @JsonPropertyDescription(
            "pause holds the rollout: for its duration, or until resumed or promoted when it has"
                + " none. Set batch or pause, not both.")
        Pause pause) {}
