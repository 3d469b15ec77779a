package io.rollwave.operator.reconcile;

import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
import io.rollwave.api.deployment.RolloutStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's status counts and conditions from the DeviceProcesses, pure. A device is ready and
 * available when its agent reports Running and Healthy for the revision its DP is set to.
 * Conditions keep their lastTransitionTime while their status does not change.
 */
public final class DeploymentStatusCalculator {
  private DeploymentStatusCalculator() {}

  public static DeviceProcessDeploymentStatus calculate(
      long generation,
      boolean paused,
      int desired,
      List<ProcessView> processes,
      String updateRevision,
      String workflowId,
      DeviceProcessDeploymentStatus previous,
      String now) {
    int current = processes.size();
    int ready = (int) processes.stream().filter(ProcessView::ready).count();
    int available = (int) processes.stream().filter(ProcessView::available).count();
    int updated = (int) processes.stream().filter(p -> updateRevision.equals(p.revision())).count();
    int updatedAvailable =
        (int)
            processes.stream()
                .filter(p -> p.available() && updateRevision.equals(p.revision()))
                .count();
    int unavailable = Math.max(0, desired - available);
    boolean complete = updatedAvailable == desired && current == desired;
    String currentRevision =
        complete ? updateRevision : previous == null ? null : previous.currentRevision();

    List<Condition> conditions = new ArrayList<>();
    conditions.add(
        condition(
            previous,
            "Available",
            available > 0 || desired == 0 ? ConditionStatus.TRUE : ConditionStatus.FALSE,
            available > 0 || desired == 0 ? "MinimumDevicesAvailable" : "NoDevicesAvailable",
            available + " of " + desired + " devices are available",
            now));
    conditions.add(
        condition(
            previous,
            "Progressing",
            ConditionStatus.TRUE,
            complete ? "RolloutComplete" : "RolloutInProgress",
            complete
                ? "All " + desired + " devices run revision " + updateRevision
                : "Rollout in progress: " + updated + "/" + desired + " devices updated",
            now));

    conditions.add(
        condition(
            previous,
            "Paused",
            paused ? ConditionStatus.TRUE : ConditionStatus.FALSE,
            paused ? "SpecPaused" : "NotPaused",
            paused
                ? "spec.paused is true: no device moves until it is removed"
                : "the rollout is not held by spec.paused",
            now));

    // phase, reason, message and runId of status.rollout are the workflow's to write
    RolloutStatus rollout = new RolloutStatus(null, null, null, workflowId, null, null);
    return new DeviceProcessDeploymentStatus(
        generation,
        desired,
        current,
        ready,
        available,
        unavailable,
        updated,
        conditions,
        updateRevision,
        currentRevision,
        rollout);
  }

  private static Condition condition(
      DeviceProcessDeploymentStatus previous,
      String type,
      ConditionStatus status,
      String reason,
      String message,
      String now) {
    String since = now;
    if (previous != null && previous.conditions() != null) {
      for (Condition c : previous.conditions()) {
        if (type.equals(c.type()) && c.status() == status && c.lastTransitionTime() != null) {
          since = c.lastTransitionTime();
        }
      }
    }
    return new Condition(type, status, reason, message, since, null);
  }

  /** {@code status} without the fields of status.rollout the workflow writes, for comparison. */
  public static DeviceProcessDeploymentStatus operatorPart(DeviceProcessDeploymentStatus status) {
    if (status == null) {
      return null;
    }
    return new DeviceProcessDeploymentStatus(
        status.observedGeneration(),
        status.desiredNumberScheduled(),
        status.currentNumberScheduled(),
        status.numberReady(),
        status.numberAvailable(),
        status.numberUnavailable(),
        status.updatedNumberScheduled(),
        status.conditions(),
        status.updateRevision(),
        status.currentRevision(),
        status.rollout() == null
            ? null
            : new RolloutStatus(null, null, null, status.rollout().workflowId(), null, null));
  }
}
