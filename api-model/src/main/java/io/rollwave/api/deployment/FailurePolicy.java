package io.rollwave.api.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;

/**
 * The health gate: past {@code maxFailures} failed devices of the new revision (N, or P% of the
 * devices moved; default 0) the rollout pauses (default) or rolls back.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FailurePolicy(
    @ValidationRule(
            value = IntOrPercentRules.NON_NEGATIVE,
            message = IntOrPercentRules.NON_NEGATIVE_MESSAGE)
        IntOrString maxFailures,
    @Default("Pause") FailureAction action) {}
