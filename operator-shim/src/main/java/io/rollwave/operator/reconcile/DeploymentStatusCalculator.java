package io.rollwave.operator.reconcile;

import io.rollwave.api.common.Condition;
import io.rollwave.api.common.ConditionStatus;
import io.rollwave.api.deployment.DeviceProcessDeploymentStatus;
import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.deployment.RolloutStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The seed's status counts and conditions from the DeviceProcesses, pure. A device is ready and
 * available when its agent reports Running and Healthy for the revision its DP is set to.
 * Conditions keep their lastTransitionTime while their status does not change. {@code
 * ReplicaFailure} (as a Deployment's, present only while it holds) says when matching devices have
 * no DeviceProcess because its name belongs to something else; the rollout is then not complete,
 * since current is below desired.
 */
public final class DeploymentStatusCalculator {
  private DeploymentStatusCalculator() {}

  public static DeviceProcessDeploymentStatus calculate(
      long generation,
      boolean paused,
      int desired,
      List<ProcessView> processes,
      List<String> conflicts,
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
        complete ? updateRevision : settledRevision(processes, desired, previous);
    RolloutStatus workflow = previous == null ? null : previous.rollout();
    RolloutPhase phase = workflow == null ? null : workflow.phase();

    List<Condition> conditions = new ArrayList<>();
    conditions.add(
        condition(
            previous,
            "Available",
            available > 0 || desired == 0 ? ConditionStatus.TRUE : ConditionStatus.FALSE,
            available > 0 || desired == 0 ? "MinimumDevicesAvailable" : "NoDevicesAvailable",
            available + " of " + desired + " devices are available",
            now));
    boolean stopped =
        !complete && (phase == RolloutPhase.Degraded || phase == RolloutPhase.Aborted);
    conditions.add(
        condition(
            previous,
            "Progressing",
            stopped ? ConditionStatus.FALSE : ConditionStatus.TRUE,
            stopped
                ? workflow.reason()
                : complete
                    ? "RolloutComplete"
                    : phase == RolloutPhase.RollingBack ? "RollingBack" : "RolloutInProgress",
            stopped || phase == RolloutPhase.RollingBack
                ? workflow.message()
                : complete
                    ? "All " + desired + " devices run revision " + updateRevision
                    : "Rollout in progress: " + updated + "/" + desired + " devices updated",
            now));

    boolean pausedByWorkflow = !paused && phase == RolloutPhase.Paused && !complete;
    conditions.add(
        condition(
            previous,
            "Paused",
            paused || pausedByWorkflow ? ConditionStatus.TRUE : ConditionStatus.FALSE,
            paused ? "SpecPaused" : pausedByWorkflow ? workflow.reason() : "NotPaused",
            paused
                ? "spec.paused is true: no device moves until it is removed"
                : pausedByWorkflow ? workflow.message() : "the rollout is not paused",
            now));

    boolean rolledBack = phase == RolloutPhase.Aborted && !complete;
    conditions.add(
        condition(
            previous,
            "RolledBack",
            rolledBack ? ConditionStatus.TRUE : ConditionStatus.FALSE,
            rolledBack ? workflow.reason() : "NotRolledBack",
            rolledBack ? workflow.message() : "revision " + updateRevision + " was not rolled back",
            now));

    if (!conflicts.isEmpty()) {
      conditions.add(
          condition(
              previous,
              "ReplicaFailure",
              ConditionStatus.TRUE,
              "NameConflict",
              conflicts.size() + " matching devices have no DeviceProcess; " + conflicts.get(0),
              now));
    }

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

  /**
   * The revision the whole fleet runs and is available at, when there is one; otherwise the one it
   * last did. A rollback's target becomes current this way, and so the next rollout's stable one.
   */
  private static String settledRevision(
      List<ProcessView> processes, int desired, DeviceProcessDeploymentStatus previous) {
    Set<String> revisions =
        processes.stream().map(ProcessView::revision).collect(Collectors.toSet());
    boolean settled =
        processes.size() == desired
            && desired > 0
            && revisions.size() == 1
            && processes.stream().allMatch(ProcessView::available);
    if (settled) {
      return revisions.iterator().next();
    }
    return previous == null ? null : previous.currentRevision();
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
