package io.rollwave.api.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.rollwave.api.Bounds;

/** The rollout as the workflow last reported it: phase, why, and which Temporal run it is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutStatus(
    @JsonPropertyDescription(
            "phase is where the rollout stands: Progressing, Paused, Degraded (waiting for a"
                + " retry after a failure it cannot get past), RollingBack, Complete or Aborted.")
        RolloutPhase phase,
    @JsonPropertyDescription(
            "reason is a one-word CamelCase cause of the phase, e.g. FailureBudgetExceeded or"
                + " StepPause.")
        String reason,
    @JsonPropertyDescription(
            "message says in words why the rollout is in this phase, naming the first failed"
                + " devices when the health gate acted.")
        String message,
    @JsonPropertyDescription(
            "workflowId is the Temporal workflow of this deployment, rollout/<namespace>/<name>.")
        String workflowId,
    @JsonPropertyDescription("runId is the Temporal run of the current rollout.") String runId,
    @JsonPropertyDescription(
            "step is the index of the canary step in force, from 0; the number of steps once past"
                + " them.")
        @Min(0)
        @Max(Bounds.MAX_INT32)
        Integer step) {}
