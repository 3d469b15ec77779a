package io.rollwave.rollout.fleet;

import io.rollwave.api.process.ProcessPhase;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The one place that decides a device's state, pure: the deployment's status counts, the counts
 * signalled to its rollout, the batch planner and the demo all read devices through it. The rules,
 * in order (docs/rollout-semantics.md, "Availability"):
 *
 * <ol>
 *   <li>failed when its agent reports, for the revision its DP is set to, phase Failed or
 *       Healthy=False;
 *   <li>ready when it reports Running and Healthy=True for that revision, and available once that
 *       has held for minReadySeconds (a ready device is never late: it has made its progress);
 *   <li>failed when not ready progressDeadlineSeconds after it was set to its revision, unless its
 *       agent's newest report, ahead of the API server, says it is ready there;
 *   <li>otherwise unknown when nothing is reported or its agent is silent, starting when it is.
 * </ol>
 */
public final class FleetModel {
  private FleetModel() {}

  /** {@code device} as the API server shows it, nobody else asked. */
  public static ModelledDevice of(DeviceFacts device, DevicePolicy policy, Instant now) {
    return of(device, policy, now, () -> AgentReport.NONE);
  }

  /**
   * {@code device} at {@code now}; {@code newest} (its agent's newest report, read where the agent
   * wrote it) is asked only when the device looks past its deadline.
   */
  public static ModelledDevice of(
      DeviceFacts device, DevicePolicy policy, Instant now, Supplier<AgentReport> newest) {
    return new ModelledDevice(
        device.name(), device.partition(), device.revision(), health(device, policy, now, newest));
  }

  private static DeviceHealth health(
      DeviceFacts device, DevicePolicy policy, Instant now, Supplier<AgentReport> newest) {
    AgentReport shown = device.shown();
    String revision = device.revision();
    if (shown.failedAt(revision)) {
      return DeviceHealth.FAILED;
    }
    if (shown.readyAt(revision)) {
      return baked(shown.healthySince(), policy.minReadySeconds(), now)
          ? DeviceHealth.AVAILABLE
          : DeviceHealth.READY;
    }
    if (device.setAt().plusSeconds(policy.progressDeadlineSeconds()).isBefore(now)
        && !newest.get().readyAt(revision)) {
      return DeviceHealth.FAILED;
    }
    return shown.phase() == null || shown.phase() == ProcessPhase.Unknown
        ? DeviceHealth.UNKNOWN
        : DeviceHealth.STARTING;
  }

  /**
   * Whether a device ready since {@code readySince} (null: nobody can tell since when) has been
   * ready for {@code minReadySeconds} at {@code now}; without a bake time, ready is enough.
   */
  public static boolean baked(Instant readySince, int minReadySeconds, Instant now) {
    if (minReadySeconds <= 0) {
      return true;
    }
    return readySince != null && !readySince.plusSeconds(minReadySeconds).isAfter(now);
  }
}
