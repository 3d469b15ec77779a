package io.rollwave.api.rollout;

/**
 * The answer to the workflow's {@code progress} query; {@code pausedBy} says who or what holds a
 * paused rollout (a person, {@code spec.paused}, or the failure gate) and why.
 */
public record RolloutProgress(
    String phase,
    String revision,
    FleetCounts fleet,
    int window,
    int batches,
    int devicesMoved,
    String pausedBy) {}
