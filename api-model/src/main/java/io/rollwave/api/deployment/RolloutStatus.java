package io.rollwave.api.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.rollwave.api.Bounds;

/** The rollout as the workflow last reported it: phase, why, and which Temporal run it is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutStatus(
    RolloutPhase phase,
    String reason,
    String message,
    String workflowId,
    String runId,
    @Min(0) @Max(Bounds.MAX_INT32) Integer step) {}
