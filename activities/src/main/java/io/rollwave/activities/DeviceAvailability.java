package io.rollwave.activities;

import io.rollwave.api.Labels;
import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.DeviceProcessStatus;
import io.rollwave.api.process.ProcessPhase;
import io.rollwave.rollout.plan.DeviceState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a DeviceProcess as the planner sees it. A device is ready when its agent reports, for the
 * revision its spec is set to, phase Running and condition Healthy=True; available once it has been
 * ready for {@code minReadySeconds} (the seed's numberReady and numberAvailable).
 */
public final class DeviceAvailability {
  private DeviceAvailability() {}

  public static String revisionOf(DeviceProcess dp) {
    Map<String, String> labels = dp.getMetadata().getLabels();
    return labels == null ? "" : labels.getOrDefault(Labels.REVISION, "");
  }

  /** Ready for at least {@code minReadySeconds} at {@code now} (healthy since then). */
  public static boolean available(DeviceProcess dp, int minReadySeconds, Instant now) {
    if (!available(dp)) {
      return false;
    }
    return availableAfter(readySince(dp), minReadySeconds, now);
  }

  /**
   * Whether a device ready since {@code readySince} (null: since nobody can tell when) has been
   * ready for {@code minReadySeconds} at {@code now}; without a bake time, ready is enough.
   */
  public static boolean availableAfter(Instant readySince, int minReadySeconds, Instant now) {
    if (minReadySeconds <= 0) {
      return true;
    }
    return readySince != null && !readySince.plusSeconds(minReadySeconds).isAfter(now);
  }

  /**
   * When the DP's agent last reported it healthy, from the Healthy condition's transition time;
   * null when it is not healthy or the time is absent or unreadable.
   */
  public static Instant readySince(DeviceProcess dp) {
    DeviceProcessStatus status = dp.getStatus();
    if (status == null || status.conditions() == null) {
      return null;
    }
    Instant since = null;
    for (Condition c : status.conditions()) {
      Instant at = healthy(c) ? parse(c.lastTransitionTime()) : null;
      if (at != null && (since == null || at.isBefore(since))) {
        since = at;
      }
    }
    return since;
  }

  /** An RFC 3339 time, or null when absent or unreadable (then nobody can tell how long). */
  private static Instant parse(String time) {
    try {
      return time == null ? null : Instant.parse(time);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Ready: Running and Healthy=True for the revision the DP is set to (no bake time). */
  public static boolean available(DeviceProcess dp) {
    return ready(dp.getStatus(), revisionOf(dp));
  }

  /** Whether {@code status} says Running and Healthy=True for {@code revision}; null says no. */
  public static boolean ready(DeviceProcessStatus status, String revision) {
    if (status == null || status.phase() != ProcessPhase.Running) {
      return false;
    }
    if (!Objects.equals(status.revision(), revision)) {
      return false;
    }
    return status.conditions() != null
        && status.conditions().stream().anyMatch(DeviceAvailability::healthy);
  }

  public static DeviceState stateOf(DeviceProcess dp, String partitionBy) {
    Map<String, String> labels = dp.getMetadata().getLabels();
    String partition =
        partitionBy == null || labels == null ? "" : labels.getOrDefault(partitionBy, "");
    return new DeviceState(
        dp.getMetadata().getName(), partition, revisionOf(dp), available(dp), reportedFailed(dp));
  }

  /**
   * As {@link #stateOf(DeviceProcess, String)}, with availability needing {@code minReadySeconds}
   * of readiness, and a device still not available {@code deadlineSeconds} after it was set to its
   * revision counted as failed too. A device that looks past the deadline is not late when its
   * agent's newest report, from {@code reports}, says it is ready at the DP's revision: the API
   * server has yet to show it. It is not available either until the API server does. Only such
   * devices are asked about.
   */
  public static DeviceState stateOf(
      DeviceProcess dp,
      String partitionBy,
      int minReadySeconds,
      int deadlineSeconds,
      Instant now,
      AgentReports reports) {
    DeviceState s = stateOf(dp, partitionBy);
    boolean available = available(dp, minReadySeconds, now);
    boolean late =
        !available
            && !s.failed()
            && setAt(dp).plusSeconds(deadlineSeconds).isBefore(now)
            && !ready(reports.newest(dp), s.revision());
    return new DeviceState(s.name(), s.partition(), s.revision(), available, s.failed() || late);
  }

  /** The agent reports, for the DP's revision, phase Failed or Healthy=False. */
  public static boolean reportedFailed(DeviceProcess dp) {
    DeviceProcessStatus status = dp.getStatus();
    if (status == null || !Objects.equals(status.revision(), revisionOf(dp))) {
      return false;
    }
    if (status.phase() == ProcessPhase.Failed) {
      return true;
    }
    return status.conditions() != null
        && status.conditions().stream()
            .anyMatch(c -> "Healthy".equals(c.type()) && c.status() == ConditionStatus.FALSE);
  }

  /**
   * Why a failed device failed, in its agent's words where it said something: the last termination
   * reason, else the Healthy or phase message, else the missed deadline.
   */
  public static String failureReason(DeviceProcess dp, int deadlineSeconds) {
    DeviceProcessStatus status = dp.getStatus();
    if (reportedFailed(dp)) {
      if (status.lastTerminationReason() != null && !status.lastTerminationReason().isBlank()) {
        return status.lastTerminationReason();
      }
      if (status.conditions() != null) {
        for (Condition c : status.conditions()) {
          if (c.status() == ConditionStatus.FALSE
              && c.message() != null
              && !c.message().isBlank()) {
            return c.type() + ": " + c.message();
          }
        }
      }
      return "phase " + status.phase();
    }
    return "not available "
        + deadlineSeconds
        + "s after it was set to the revision"
        + " (progressDeadlineSeconds)";
  }

  /** When the DP was set to its revision: the annotation, else its creation. */
  static Instant setAt(DeviceProcess dp) {
    Map<String, String> annotations = dp.getMetadata().getAnnotations();
    String at = annotations == null ? null : annotations.get(Labels.REVISION_SET_AT);
    Instant set = parse(at != null ? at : dp.getMetadata().getCreationTimestamp());
    return set == null ? Instant.EPOCH : set;
  }

  private static boolean healthy(Condition c) {
    return "Healthy".equals(c.type()) && c.status() == ConditionStatus.TRUE;
  }
}
