package io.rollwave.api.rollout;

/** The answer to the workflow's {@code progress} query. */
public record RolloutProgress(
    String phase, String revision, FleetCounts fleet, int window, int batches, int devicesMoved) {}
