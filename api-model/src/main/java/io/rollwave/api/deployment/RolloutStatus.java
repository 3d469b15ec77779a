package io.rollwave.api.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The rollout as the workflow last reported it: phase, why, and which Temporal run it is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutStatus(
    RolloutPhase phase,
    String reason,
    String message,
    String workflowId,
    String runId,
    Integer step) {}
