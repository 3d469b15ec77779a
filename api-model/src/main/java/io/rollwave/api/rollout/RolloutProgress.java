package io.rollwave.api.rollout;

import java.util.List;

/**
 * The answer to the workflow's {@code progress} query; {@code pausedBy} says who or what holds a
 * paused rollout (a person, {@code spec.paused}, or the failure gate) and why; {@code step} is the
 * index of the canary step in progress (the number of steps once past them); {@code failed} names
 * the first failed devices; {@code rollingBackFrom} is the revision a rollback left, if any.
 */
public record RolloutProgress(
    String phase,
    String revision,
    FleetCounts fleet,
    int window,
    int batches,
    int devicesMoved,
    String pausedBy,
    int step,
    List<FailedDevice> failed,
    String rollingBackFrom) {}
