package io.rollwave.rollout;

import io.rollwave.api.rollout.ControlRequest;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.api.rollout.RolloutProgress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One deployment's rollouts, workflow id {@code rollout/<namespace>/<name>}. Each run moves the
 * fleet to one revision through the window; a new revision continues the workflow as a new run.
 */
@WorkflowInterface
public interface RolloutWorkflow {

  /** Rolls the fleet to {@code input.revision()}; returns the fleet when every device is there. */
  @WorkflowMethod
  FleetCounts run(RolloutInput input);

  /**
   * The deployment's current target, sent with every signal-with-start by the operator. Another
   * revision supersedes this run; the same revision only updates the {@code spec.paused} hold.
   */
  @SignalMethod
  void target(RolloutInput input);

  /** Aggregated device status changed (counts only); wakes the rollout to plan the next batch. */
  @SignalMethod
  void fleetChanged(FleetCounts fleet);

  /** A soft pause: no device moves until {@code resume}. Devices already moving finish. */
  @SignalMethod
  void pause(ControlRequest request);

  /** Ends a soft pause. It cannot end a {@code spec.paused} hold: only kubectl can. */
  @SignalMethod
  void resume(ControlRequest request);

  /**
   * Resume for callers that need an answer: rejected, with the reason, when the rollout is not
   * paused or is held by {@code spec.paused}. Returns the phase after resuming.
   */
  @UpdateMethod
  String resumeRollout(ControlRequest request);

  @UpdateValidatorMethod(updateName = "resumeRollout")
  void validateResumeRollout(ControlRequest request);

  @QueryMethod
  RolloutProgress progress();
}
