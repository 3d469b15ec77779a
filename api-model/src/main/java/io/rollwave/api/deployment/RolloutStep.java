package io.rollwave.api.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;

/** One canary step: either move the fleet up to {@code batch} devices (N or P%), or pause. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.batch) != has(self.pause)",
    message = "a step is either a batch or a pause, not both and not neither")
public record RolloutStep(
    @ValidationRule(
            value = IntOrPercentRules.POSITIVE,
            message = IntOrPercentRules.POSITIVE_MESSAGE)
        IntOrString batch,
    Pause pause) {}
