package io.rollwave.ctl;

import io.rollwave.api.rollout.ControlOutcome;
import io.rollwave.api.rollout.ControlRequest;
import io.rollwave.api.rollout.PromoteRequest;
import io.rollwave.api.rollout.RollbackRequest;
import io.rollwave.api.rollout.RolloutProgress;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * A stand-in for the rollout workflow, registered under its real type name with the six control
 * updates of the issue 18 contract, their validators and the {@code progress} query: what the
 * plugin calls, without the real workflow.
 */
@WorkflowInterface
public interface StandInRollout {
  @WorkflowMethod(name = "RolloutWorkflow")
  void run(String phase);

  @QueryMethod
  RolloutProgress progress();

  /** Every accepted request, as "update by requester (reason) [argument]". */
  @QueryMethod
  List<String> accepted();

  @UpdateMethod(name = "pauseRollout")
  ControlOutcome pause(ControlRequest request);

  @UpdateValidatorMethod(updateName = "pauseRollout")
  void validatePause(ControlRequest request);

  @UpdateMethod(name = "resumeRollout")
  ControlOutcome resume(ControlRequest request);

  @UpdateValidatorMethod(updateName = "resumeRollout")
  void validateResume(ControlRequest request);

  @UpdateMethod(name = "promoteRollout")
  ControlOutcome promote(PromoteRequest request);

  @UpdateValidatorMethod(updateName = "promoteRollout")
  void validatePromote(PromoteRequest request);

  @UpdateMethod(name = "abortRollout")
  ControlOutcome abort(ControlRequest request);

  @UpdateValidatorMethod(updateName = "abortRollout")
  void validateAbort(ControlRequest request);

  @UpdateMethod(name = "retryRollout")
  ControlOutcome retry(ControlRequest request);

  @UpdateValidatorMethod(updateName = "retryRollout")
  void validateRetry(ControlRequest request);

  @UpdateMethod(name = "undoRollout")
  ControlOutcome undo(RollbackRequest request);

  @UpdateValidatorMethod(updateName = "undoRollout")
  void validateUndo(RollbackRequest request);
}
