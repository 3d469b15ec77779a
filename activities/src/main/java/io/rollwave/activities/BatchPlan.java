package io.rollwave.activities;

import io.rollwave.api.rollout.FailedDevice;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.rollout.plan.WindowLimits;
import java.util.List;
import java.util.Map;

/**
 * What one batch will do, decided before anything is sent: the devices to set to the revision, how
 * many it leaves alone and why, the window it planned with, the fleet's counts once the patched
 * devices are set (and so unavailable), and the failed devices at the revision (the first {@link
 * io.rollwave.api.rollout.BatchResult#FAILED_DEVICES_LISTED}, by name).
 */
public record BatchPlan(
    List<String> patch,
    Map<Skip, Integer> skipped,
    WindowLimits limits,
    FleetCounts after,
    List<FailedDevice> failed) {

  /** Why a device is not patched in this batch. */
  public enum Skip {
    /** Already set to the revision: a device is never moved twice. */
    AT_REVISION,
    /** The window (or its partition's share of it) has no room for it now. */
    NO_ROOM,
    /** The canary step's batch is reached; the next step may move it. */
    STEP_REACHED
  }

  public BatchPlan {
    patch = List.copyOf(patch);
    skipped = Map.copyOf(skipped);
    failed = List.copyOf(failed);
  }
}
