package io.rollwave.activities;

import io.rollwave.api.Labels;
import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.process.DeviceProcess;
import io.rollwave.api.process.DeviceProcessStatus;
import io.rollwave.api.process.ProcessPhase;
import io.rollwave.rollout.plan.DeviceState;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a DeviceProcess as the planner sees it. A device is available when its agent reports, for
 * the revision its spec is set to, phase Running and condition Healthy=True.
 */
public final class DeviceAvailability {
  private DeviceAvailability() {}

  public static String revisionOf(DeviceProcess dp) {
    Map<String, String> labels = dp.getMetadata().getLabels();
    return labels == null ? "" : labels.getOrDefault(Labels.REVISION, "");
  }

  public static boolean available(DeviceProcess dp) {
    DeviceProcessStatus status = dp.getStatus();
    if (status == null || status.phase() != ProcessPhase.Running) {
      return false;
    }
    if (!Objects.equals(status.revision(), revisionOf(dp))) {
      return false;
    }
    return status.conditions() != null
        && status.conditions().stream().anyMatch(DeviceAvailability::healthy);
  }

  public static DeviceState stateOf(DeviceProcess dp, String partitionBy) {
    Map<String, String> labels = dp.getMetadata().getLabels();
    String partition =
        partitionBy == null || labels == null ? "" : labels.getOrDefault(partitionBy, "");
    return new DeviceState(dp.getMetadata().getName(), partition, revisionOf(dp), available(dp));
  }

  private static boolean healthy(Condition c) {
    return "Healthy".equals(c.type()) && c.status() == ConditionStatus.TRUE;
  }
}
