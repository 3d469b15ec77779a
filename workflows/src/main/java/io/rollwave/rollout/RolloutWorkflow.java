package io.rollwave.rollout;

import io.rollwave.api.rollout.ControlRequest;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.PlanSummary;
import io.rollwave.api.rollout.RollbackRequest;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.api.rollout.RolloutProgress;
import io.rollwave.api.rollout.RolloutState;
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

  /**
   * Rolls the fleet to {@code input.revision()}; returns the fleet when every device is there.
   * {@code state} is what a previous run of the same target carried over (null for a new one).
   */
  @WorkflowMethod
  FleetCounts run(RolloutInput input, RolloutState state);

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
   * Stops the rollout and rolls back what moved: every device not at the stable revision returns to
   * it through the window; the run then waits in phase Aborted for a new revision or {@code retry}.
   * Without a stable revision (the deployment's first rollout) devices stay where they are.
   */
  @SignalMethod
  void abort(ControlRequest request);

  /**
   * As {@code abort}, to the revision named in the request (a revision hash with a stored
   * ControllerRevision), or to the stable revision when none is named.
   */
  @SignalMethod
  void rollback(RollbackRequest request);

  /**
   * Skips the current canary step (a timed or open pause, or the wait for a batch step's devices)
   * and ends a soft pause, accepting the failures seen so far. Cannot end a {@code spec.paused}
   * hold.
   */
  @SignalMethod
  void promote(ControlRequest request);

  /**
   * In phase Degraded, tries the failed activity again; in phase Aborted, starts the abandoned
   * rollout again from the beginning.
   */
  @SignalMethod
  void retry(ControlRequest request);

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

  /**
   * The batches this run's rollout would take from the fleet as it is now (devices per batch,
   * partition limits respected), read by an activity: an update, since a query cannot read the
   * fleet and the workflow holds counts, never device lists. Changes nothing.
   */
  @UpdateMethod
  PlanSummary previewPlan();
}
