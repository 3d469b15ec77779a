package io.rollwave.api.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.rollwave.api.Bounds;

/**
 * The health gate: past {@code maxFailures} failed devices of the new revision (N, or P% of the
 * devices moved; default 0) the rollout pauses (default) or rolls back.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FailurePolicy(
    @JsonPropertyDescription(
            "maxFailures is the most devices that may fail at the new revision (phase Failed,"
                + " Healthy=False, or past progressDeadlineSeconds) before the gate acts: an"
                + " integer from 0 to "
                + Bounds.MAX_COUNT
                + " or a percentage (0% to 100%) of the devices set to the revision, rounded"
                + " down. Defaults to 0.")
        @ValidationRule(
            value = IntOrPercentRules.NON_NEGATIVE,
            message = IntOrPercentRules.NON_NEGATIVE_MESSAGE)
        IntOrString maxFailures,
    @JsonPropertyDescription(
            "action is what the gate does past maxFailures: Pause holds the rollout until resumed,"
                + " Rollback moves the devices that moved back to the stable revision. Defaults to"
                + " Pause.")
        @Default("Pause")
        FailureAction action) {}
