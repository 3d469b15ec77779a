package io.rollwave.api.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.rollwave.api.Bounds;
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
    @JsonPropertyDescription(
            "maxUnavailable is the most devices that may be unavailable at once during the"
                + " rollout (devices down for any reason count): an integer from 1 to "
                + Bounds.MAX_COUNT
                + " or a percentage (1% to 100%) of the matching devices, rounded up. Defaults to"
                + " 1.")
        @ValidationRule(
            value = IntOrPercentRules.POSITIVE,
            message = IntOrPercentRules.POSITIVE_MESSAGE)
        IntOrString maxUnavailable,
    @JsonPropertyDescription(
            "partitionBy is the label key whose value names a device's failure domain (e.g."
                + " rack). Batches spread across partitions, and maxUnavailablePerPartition"
                + " bounds each one.")
        @ValidationRule(value = LabelRules.KEY, message = LabelRules.KEY_MESSAGE)
        @Size(max = LabelRules.MAX_KEY_LENGTH)
        String partitionBy,
    @JsonPropertyDescription(
            "maxUnavailablePerPartition is the most devices of one partition that may be"
                + " unavailable at once: an integer from 1 to "
                + Bounds.MAX_COUNT
                + " or a percentage (1% to 100%) of the largest partition, rounded up. Needs"
                + " partitionBy; unset, only maxUnavailable applies.")
        @ValidationRule(
            value = IntOrPercentRules.POSITIVE,
            message = IntOrPercentRules.POSITIVE_MESSAGE)
        IntOrString maxUnavailablePerPartition,
    @JsonPropertyDescription(
            "steps are optional canary steps, at most 32, each a batch (how many devices may be at"
                + " the new revision before the next step) or a pause. Past the last step the"
                + " window alone bounds the rollout.")
        @Size(max = 32)
        List<RolloutStep> steps) {}
