package io.rollwave.api.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.rollwave.api.Bounds;
import io.rollwave.api.schema.LabelSelectorSchema;

/** The seed's deployment spec plus the rollout policy of ARCHITECTURE.md section 2. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.selector.matchLabels) || has(self.selector.matchExpressions)",
    fieldPath = ".selector",
    message =
        "selector must have matchLabels or matchExpressions: an empty selector would select"
            + " every device")
public record DeviceProcessDeploymentSpec(
    @JsonPropertyDescription(
            "selector picks the inventory devices (NetworkSwitch, SOC, Server, BMC, DPU) by their"
                + " labels. The operator keeps one DeviceProcess on every matching device and"
                + " deletes it when the device stops matching. Required, and must not be empty.")
        @Required
        @SchemaFrom(type = LabelSelectorSchema.class)
        LabelSelector selector,
    @JsonPropertyDescription(
            "updateStrategy says how a new revision of the template reaches the devices. Defaults"
                + " to a rolling update with maxUnavailable 1.")
        UpdateStrategy updateStrategy,
    @JsonPropertyDescription(
            "template is the process every selected device runs. A change to it is a new"
                + " revision (stored as a ControllerRevision) that the rollout workflow moves the"
                + " devices to.")
        @Required
        DeviceProcessTemplate template,
    @JsonPropertyDescription(
            "minReadySeconds is the bake time: a device counts as available only after being"
                + " ready (Running and Healthy) for this many seconds. Defaults to 0; at most "
                + Bounds.DAY_SECONDS
                + " (a day).")
        @Min(0)
        @Max(Bounds.DAY_SECONDS)
        @Default("0")
        Integer minReadySeconds,
    @JsonPropertyDescription(
            "progressDeadlineSeconds is how long a device may take to become available after it"
                + " is set to a new revision; past it the device counts as failed for the health"
                + " gate. Defaults to 600; from 1 to "
                + Bounds.DAY_SECONDS
                + " seconds.")
        @Min(1)
        @Max(Bounds.DAY_SECONDS)
        @Default("600")
        Integer progressDeadlineSeconds,
    @JsonPropertyDescription(
            "failurePolicy is the health gate: how many devices may fail at the new revision, and"
                + " whether the rollout then pauses or rolls back. Defaults to maxFailures 0,"
                + " action Pause.")
        FailurePolicy failurePolicy,
    @JsonPropertyDescription(
            "paused holds the rollout while true, a hard hold: no device moves to another revision"
                + " until it is false again. Defaults to false.")
        @Default("false")
        Boolean paused,
    @JsonPropertyDescription(
            "revisionHistoryLimit is how many old revisions (ControllerRevisions) are kept for"
                + " rollback and undo. Defaults to 10; from 0 to "
                + Bounds.MAX_REVISION_HISTORY
                + ".")
        @Min(0)
        @Max(Bounds.MAX_REVISION_HISTORY)
        @Default("10")
        Integer revisionHistoryLimit) {}
