package io.rollwave.operator.reconcile;

import io.rollwave.activities.DeviceAvailability;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.rollout.plan.DeviceState;
import java.time.Instant;

/**
 * What a deployment's counts need of one DeviceProcess, worked out once when the DP enters the
 * cache: the revision it is set to, whether it is ready (Running and Healthy for that revision),
 * since when, and whether its agent reports it failed at that revision.
 */
public record TalliedDevice(
    String name, String revision, boolean ready, Instant readySince, boolean failed) {

  public static TalliedDevice of(DeviceProcess dp) {
    boolean ready = DeviceAvailability.available(dp);
    return new TalliedDevice(
        dp.getMetadata().getName(),
        DeviceAvailability.revisionOf(dp),
        ready,
        ready ? DeviceAvailability.readySince(dp) : null,
        DeviceAvailability.reportedFailed(dp));
  }

  /** Ready for at least {@code minReadySeconds} at {@code now}. */
  public boolean available(int minReadySeconds, Instant now) {
    return ready && DeviceAvailability.availableAfter(readySince, minReadySeconds, now);
  }

  /** As the rollout's planner sees it: available as soon as ready, in no partition. */
  public DeviceState state() {
    return new DeviceState(name, "", revision, ready, failed);
  }

  /** As the deployment's status counts see it, with {@code minReadySeconds} of bake time. */
  public ProcessView view(int minReadySeconds, Instant now) {
    return new ProcessView(name, revision, ready, available(minReadySeconds, now));
  }
}
