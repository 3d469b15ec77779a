package io.rollwave.rollout;

import io.rollwave.api.rollout.ControlOutcome;
import io.rollwave.api.rollout.ControlRequest;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.PlanSummary;
import io.rollwave.api.rollout.PromoteRequest;
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
 * People control it through the updates ({@code pauseRollout} ... {@code undoRollout}): each is
 * validated, refused at once with the reason when it makes no sense, and answers what changed. The
 * signals of the same names without {@code Rollout} are kept so older clients and recorded
 * histories still work; {@code internal.*} signals come from the operator only.
 */
@WorkflowInterface
public interface RolloutWorkflow {
  /** The operator's target signal; the name says it is not for people. */
  String TARGET_SIGNAL = "internal.target";

  /** The operator's fleet-status signal; the name says it is not for people. */
  String FLEET_SIGNAL = "internal.fleetChanged";

  String INTERNAL = "Internal: sent by the Rollwave operator. Do not send by hand.";
  String KEPT = "Kept for older clients; use the update of the same name with Rollout instead.";

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
  @SignalMethod(name = TARGET_SIGNAL, description = INTERNAL)
  void operatorTarget(RolloutInput input);

  /** Aggregated device status changed (counts only); wakes the rollout to plan the next batch. */
  @SignalMethod(name = FLEET_SIGNAL, description = INTERNAL)
  void operatorFleetChanged(FleetCounts fleet);

  /** {@link #operatorTarget} under its name before issue 18, for recorded histories. */
  @SignalMethod(description = INTERNAL + " (old name)")
  void target(RolloutInput input);

  /** {@link #operatorFleetChanged} under its name before issue 18, for recorded histories. */
  @SignalMethod(description = INTERNAL + " (old name)")
  void fleetChanged(FleetCounts fleet);

  /** A soft pause: no device moves until {@code resume}. Devices already moving finish. */
  @SignalMethod(description = KEPT)
  void pause(ControlRequest request);

  /** Ends a soft pause. It cannot end a {@code spec.paused} hold: only kubectl can. */
  @SignalMethod(description = KEPT)
  void resume(ControlRequest request);

  /**
   * Stops the rollout and rolls back what moved: every device not at the stable revision returns to
   * it through the window; the run then waits in phase Aborted for a new revision or {@code retry}.
   * Without a stable revision (the deployment's first rollout) devices stay where they are.
   */
  @SignalMethod(description = KEPT)
  void abort(ControlRequest request);

  /**
   * As {@code abort}, to the revision named in the request (a revision hash with a stored
   * ControllerRevision), or to the stable revision when none is named.
   */
  @SignalMethod(description = "Kept for older clients; use the update undoRollout instead.")
  void rollback(RollbackRequest request);

  /**
   * Skips the current canary step (a timed or open pause, or the wait for a batch step's devices)
   * and ends a soft pause, accepting the failures seen so far. Cannot end a {@code spec.paused}
   * hold.
   */
  @SignalMethod(description = KEPT)
  void promote(ControlRequest request);

  /**
   * In phase Degraded, tries the failed activity again; in phase Aborted, starts the abandoned
   * rollout again from the beginning.
   */
  @SignalMethod(description = KEPT)
  void retry(ControlRequest request);

  /** A soft pause, as the {@code pause} signal; refused when paused already or finished. */
  @UpdateMethod(
      description =
          "Pause: no new device moves until resumeRollout. Input {\"requestedBy\":\"you\","
              + " \"reason\":\"why\"}")
  ControlOutcome pauseRollout(ControlRequest request);

  @UpdateValidatorMethod(updateName = "pauseRollout")
  void validatePauseRollout(ControlRequest request);

  /**
   * Ends a soft pause; refused, with the reason, when the rollout is not paused or is held by
   * {@code spec.paused} (the refusal names the kubectl command that lifts it).
   */
  @UpdateMethod(
      description =
          "Resume a paused rollout, accepting the failures seen so far. Input"
              + " {\"requestedBy\":\"you\", \"reason\":\"why\"}")
  ControlOutcome resumeRollout(ControlRequest request);

  @UpdateValidatorMethod(updateName = "resumeRollout")
  void validateResumeRollout(ControlRequest request);

  /**
   * Ends the canary step in force (a pause, or the wait for a batch step's devices) or a soft
   * pause; {@code full} skips every remaining step. Refused when there is neither.
   */
  @UpdateMethod(
      description =
          "Promote past the current canary step or pause; full=true skips all remaining steps."
              + " Input {\"requestedBy\":\"you\", \"reason\":\"why\", \"full\":false}")
  ControlOutcome promoteRollout(PromoteRequest request);

  @UpdateValidatorMethod(updateName = "promoteRollout")
  void validatePromoteRollout(PromoteRequest request);

  /** As the {@code abort} signal; refused when the rollout is finished or aborted already. */
  @UpdateMethod(
      description =
          "Abort: stop and roll every moved device back to the stable revision. Input"
              + " {\"requestedBy\":\"you\", \"reason\":\"why\"}")
  ControlOutcome abortRollout(ControlRequest request);

  @UpdateValidatorMethod(updateName = "abortRollout")
  void validateAbortRollout(ControlRequest request);

  /** As the {@code retry} signal; refused unless the rollout is Degraded or Aborted. */
  @UpdateMethod(
      description =
          "Retry a Degraded rollout (after fixing the cause) or restart an Aborted one. Input"
              + " {\"requestedBy\":\"you\", \"reason\":\"why\"}")
  ControlOutcome retryRollout(ControlRequest request);

  @UpdateValidatorMethod(updateName = "retryRollout")
  void validateRetryRollout(ControlRequest request);

  /**
   * Rolls the fleet back to {@code request.revision()} (the stable revision when null or blank);
   * refused when that revision has no stored ControllerRevision, is the one being rolled out, or
   * there is no stable revision.
   */
  @UpdateMethod(
      description =
          "Undo: roll the fleet back to a stored revision (blank: the stable one). Input"
              + " {\"requestedBy\":\"you\", \"reason\":\"why\", \"revision\":\"\"}")
  ControlOutcome undoRollout(RollbackRequest request);

  @UpdateValidatorMethod(updateName = "undoRollout")
  void validateUndoRollout(RollbackRequest request);

  @QueryMethod(description = "Phase, revisions, counts, window, failed devices, who paused it.")
  RolloutProgress progress();

  /**
   * The batches this run's rollout would take from the fleet as it is now (devices per batch,
   * partition limits respected), read by an activity: an update, since a query cannot read the
   * fleet and the workflow holds counts, never device lists. Changes nothing.
   */
  @UpdateMethod(
      description = "The batches a rollout would take from the fleet now. Changes nothing.")
  PlanSummary previewPlan();
}
