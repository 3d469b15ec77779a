package io.rollwave.activities;

import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.DeviceProcessStatus;
import io.rollwave.rollout.fleet.AgentReport;
import io.rollwave.rollout.fleet.DeviceFacts;
import io.rollwave.rollout.fleet.DevicePolicy;
import io.rollwave.rollout.fleet.FleetModel;
import io.rollwave.rollout.fleet.ModelledDevice;
import io.rollwave.rollout.plan.DeviceState;
import java.time.Instant;

/**
 * A DeviceProcess read through the {@link FleetModel}, for callers that hold the resource itself. A
 * device is ready when its agent reports, for the revision its spec is set to, phase Running and
 * condition Healthy=True; available once it has been ready for {@code minReadySeconds} (the seed's
 * numberReady and numberAvailable). The rules are the model's; nothing here decides.
 */
public final class DeviceAvailability {
  private DeviceAvailability() {}

  public static String revisionOf(DeviceProcess dp) {
    return DeviceFacts.revisionOf(dp);
  }

  /** Ready for at least {@code minReadySeconds} at {@code now} (healthy since then). */
  public static boolean available(DeviceProcess dp, int minReadySeconds, Instant now) {
    DevicePolicy policy = new DevicePolicy(minReadySeconds, Integer.MAX_VALUE);
    return FleetModel.of(DeviceFacts.of(dp, null), policy, now).available();
  }

  /** Ready: Running and Healthy=True for the revision the DP is set to (no bake time). */
  public static boolean available(DeviceProcess dp) {
    return ready(dp.getStatus(), revisionOf(dp));
  }

  /** Whether {@code status} says Running and Healthy=True for {@code revision}; null says no. */
  public static boolean ready(DeviceProcessStatus status, String revision) {
    return AgentReport.of(status).readyAt(revision);
  }

  /** As the planner sees {@code dp} without a bake time or a deadline. */
  public static DeviceState stateOf(DeviceProcess dp, String partitionBy) {
    DevicePolicy policy = new DevicePolicy(0, Integer.MAX_VALUE);
    return FleetModel.of(DeviceFacts.of(dp, partitionBy), policy, Instant.EPOCH).planned();
  }

  /**
   * {@code dp} as the model decides it with {@code minReadySeconds} of bake time and a deadline of
   * {@code deadlineSeconds}; {@code reports} is asked only about a device that looks late.
   */
  public static DeviceState stateOf(
      DeviceProcess dp,
      String partitionBy,
      int minReadySeconds,
      int deadlineSeconds,
      Instant now,
      AgentReports reports) {
    return modelled(
            dp, partitionBy, new DevicePolicy(minReadySeconds, deadlineSeconds), now, reports)
        .planned();
  }

  /** {@code dp} as the model decides it; {@code reports} is asked only when it looks late. */
  public static ModelledDevice modelled(
      DeviceProcess dp,
      String partitionBy,
      DevicePolicy policy,
      Instant now,
      AgentReports reports) {
    return FleetModel.of(
        DeviceFacts.of(dp, partitionBy), policy, now, () -> AgentReport.of(reports.newest(dp)));
  }

  /** The agent reports, for the DP's revision, phase Failed or Healthy=False. */
  public static boolean reportedFailed(DeviceProcess dp) {
    return AgentReport.of(dp.getStatus()).failedAt(revisionOf(dp));
  }

  /**
   * Why a failed device failed, in its agent's words where it said something: the first false
   * condition's message (what is wrong now: a failing health check, a process that keeps exiting, a
   * refused download), else the last termination reason, else the phase, else the missed deadline.
   * The termination reason alone may describe the previous revision's process ("Replaced by
   * revision ..."), so it comes after what the agent says of the current one.
   */
  public static String failureReason(DeviceProcess dp, int deadlineSeconds) {
    DeviceProcessStatus status = dp.getStatus();
    if (reportedFailed(dp)) {
      if (status.conditions() != null) {
        for (Condition c : status.conditions()) {
          if (c.status() == ConditionStatus.FALSE
              && c.message() != null
              && !c.message().isBlank()) {
            return c.type() + ": " + c.message();
          }
        }
      }
      if (status.lastTerminationReason() != null && !status.lastTerminationReason().isBlank()) {
        return status.lastTerminationReason();
      }
      return "phase " + status.phase();
    }
    return "not available "
        + deadlineSeconds
        + "s after it was set to the revision"
        + " (progressDeadlineSeconds)";
  }
}
