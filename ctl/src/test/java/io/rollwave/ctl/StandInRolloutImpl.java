package io.rollwave.ctl;

import io.rollwave.api.rollout.ControlOutcome;
import io.rollwave.api.rollout.ControlRequest;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.PromoteRequest;
import io.rollwave.api.rollout.RollbackRequest;
import io.rollwave.api.rollout.RolloutProgress;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.ArrayList;
import java.util.List;

/** The stand-in's rules: each control refused when it makes no sense, as the contract says. */
public class StandInRolloutImpl implements StandInRollout {
  private String phase;
  private String revision = "bbb222";
  private String pausedBy;
  private final List<String> accepted = new ArrayList<>();

  /** Its state before the first update, which may come before {@link #run} does. */
  @WorkflowInit
  public StandInRolloutImpl(String phase) {
    this.phase = phase.equals("Ended") ? "Complete" : phase;
    this.pausedBy = phase.equals("Paused") ? "carol (maintenance)" : null;
  }

  @Override
  public void run(String phase) {
    // "Ended" is a rollout whose run has finished, as the real workflow's does when complete
    Workflow.await(() -> phase.equals("Ended"));
  }

  @Override
  public RolloutProgress progress() {
    return new RolloutProgress(
        phase,
        revision,
        new FleetCounts(6, 6, phase.equals("Complete") ? 6 : 3, 0, 0),
        2,
        3,
        6,
        pausedBy,
        0,
        List.of(),
        null);
  }

  @Override
  public List<String> accepted() {
    return accepted;
  }

  @Override
  public ControlOutcome pause(ControlRequest request) {
    pausedBy = request.describe();
    return change("pause", request.describe(), "Paused", "paused; 3 devices are still moving");
  }

  @Override
  public void validatePause(ControlRequest request) {
    refuseUnless(!phase.equals("Paused"), "already paused by " + pausedBy);
  }

  @Override
  public ControlOutcome resume(ControlRequest request) {
    pausedBy = null;
    return change("resume", request.describe(), "Progressing", "moving again");
  }

  @Override
  public void validateResume(ControlRequest request) {
    refuseUnless(phase.equals("Paused"), "not paused: there is nothing to resume");
  }

  @Override
  public ControlOutcome promote(PromoteRequest request) {
    return change(
        "promote",
        request.asControl().describe() + (request.full() ? " [full]" : " [step]"),
        "Progressing",
        "");
  }

  @Override
  public void validatePromote(PromoteRequest request) {
    refuseUnless(phase.equals("Paused"), "not paused at a step: there is nothing to promote");
  }

  @Override
  public ControlOutcome abort(ControlRequest request) {
    return change("abort", request.describe(), "Aborted", "moved devices go back");
  }

  @Override
  public void validateAbort(ControlRequest request) {
    refuseUnless(!phase.equals("Complete"), "the rollout is complete: there is nothing to abort");
  }

  @Override
  public ControlOutcome retry(ControlRequest request) {
    return change("retry", request.describe(), "Progressing", "");
  }

  @Override
  public void validateRetry(ControlRequest request) {
    refuseUnless(
        phase.equals("Degraded") || phase.equals("Aborted"),
        "nothing failed: retry needs a Degraded or Aborted rollout");
  }

  @Override
  public ControlOutcome undo(RollbackRequest request) {
    revision = request.revision() == null ? "aaa111" : request.revision();
    return change(
        "undo",
        request.asControl().describe() + " [" + request.revision() + "]",
        "RollingBack",
        "back to " + revision);
  }

  @Override
  public void validateUndo(RollbackRequest request) {
    refuseUnless(!revision.equals(request.revision()), "already at revision " + request.revision());
  }

  private ControlOutcome change(String action, String what, String next, String message) {
    String before = phase;
    phase = next;
    accepted.add(action + " by " + what);
    return new ControlOutcome(action, before, next, message);
  }

  private static void refuseUnless(boolean sensible, String reason) {
    if (!sensible) {
      throw new IllegalStateException(reason);
    }
  }
}
