package io.rollwave.api.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;

/**
 * The window of a rolling update: at most {@code maxUnavailable} devices (default 1) unavailable
 * because of the rollout at once, and at most {@code maxUnavailablePerPartition} per value of the
 * {@code partitionBy} label (a rack, a pod, a site). {@code steps} bound how far the window goes
 * before each gate.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.maxUnavailablePerPartition) || has(self.partitionBy)",
    fieldPath = ".maxUnavailablePerPartition",
    message = "maxUnavailablePerPartition needs partitionBy, the label key that names a partition")
public record RollingUpdate(
    @ValidationRule(
            value = IntOrPercentRules.POSITIVE,
            message = IntOrPercentRules.POSITIVE_MESSAGE)
        IntOrString maxUnavailable,
    @ValidationRule(value = LabelRules.KEY, message = LabelRules.KEY_MESSAGE)
        @Size(max = LabelRules.MAX_KEY_LENGTH)
        String partitionBy,
    @ValidationRule(
            value = IntOrPercentRules.POSITIVE,
            message = IntOrPercentRules.POSITIVE_MESSAGE)
        IntOrString maxUnavailablePerPartition,
    @Size(max = 32) List<RolloutStep> steps) {}
