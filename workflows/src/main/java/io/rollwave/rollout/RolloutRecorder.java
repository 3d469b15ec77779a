package io.rollwave.rollout;

import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.rollout.RolloutEvent;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.api.rollout.RolloutPhaseReport;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * The rollout's voice outside Temporal, from inside the workflow: Kubernetes events on the
 * deployment and its phase in {@code status.rollout}, both best effort (a failure is logged and the
 * rollout goes on), both behind the versions that brought them so older histories replay.
 */
final class RolloutRecorder {
  /** Kubernetes events came in after runs were recorded; older histories replay without them. */
  static final String EVENTS_CHANGE = "kubernetes-events";

  /** Phase reports into the deployment's status came after events; older runs replay without. */
  static final String PHASE_REPORTS_CHANGE = "dpd-rollout-phase";

  private static final Logger LOG = Workflow.getLogger(RolloutRecorder.class);

  private final FleetActivities activities =
      Workflow.newActivityStub(
          FleetActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
              .build());

  private final RolloutInput input;
  private final boolean eventsOn;
  private final boolean phaseReportsOn;

  RolloutRecorder(RolloutInput input) {
    this.input = input;
    this.eventsOn = Workflow.getVersion(EVENTS_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1;
    this.phaseReportsOn =
        Workflow.getVersion(PHASE_REPORTS_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  void normal(String reason, String message) {
    event(RolloutEvent.NORMAL, reason, message);
  }

  void warning(String reason, String message) {
    event(RolloutEvent.WARNING, reason, message);
  }

  private void event(String type, String reason, String message) {
    if (!eventsOn) {
      return;
    }
    try {
      activities.recordEvent(
          new RolloutEvent(input.namespace(), input.deployment(), type, reason, message));
    } catch (ActivityFailure e) {
      LOG.warn(
          "dpd {}/{} rev {}: event {} not recorded: {}",
          input.namespace(),
          input.deployment(),
          input.revision(),
          reason,
          e.getMessage());
    }
  }

  /**
   * Writes {@code phase} with its reason, message and canary step (null without steps) into the
   * deployment's status.rollout.
   */
  void phase(RolloutPhase phase, String reason, String message, Integer step) {
    if (!phaseReportsOn) {
      return;
    }
    try {
      activities.reportPhase(
          new RolloutPhaseReport(
              input.namespace(),
              input.deployment(),
              phase.name(),
              reason,
              message,
              Workflow.getInfo().getRunId(),
              step));
    } catch (ActivityFailure e) {
      LOG.warn(
          "dpd {}/{} rev {}: phase {} not written to the deployment: {}",
          input.namespace(),
          input.deployment(),
          input.revision(),
          phase,
          e.getMessage());
    }
  }
}
