package io.rollwave.rollout;

import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.rollout.BatchResult;
import io.rollwave.api.rollout.CanaryStep;
import io.rollwave.api.rollout.ControlRequest;
import io.rollwave.api.rollout.FailedDevice;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.PromoteRequest;
import io.rollwave.api.rollout.RollbackRequest;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.api.rollout.RolloutState;
import io.rollwave.rollout.RunState.PendingRollback;
import io.rollwave.rollout.plan.CanarySteps;
import io.rollwave.rollout.plan.FailureGate;
import io.rollwave.rollout.plan.StepAction;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rollout's decisions, pure: a signal, an update or a batch result and the current {@link
 * RunState} give the next state and what the workflow does next. No Temporal here; the workflow
 * runs the actions and the narrator tells about them.
 */
final class RolloutTransitions {
  static final String GATE = "failure-gate";
  static final String STEP = "canary-step";

  /** Continue as new after this many batches even if Temporal does not suggest it yet. */
  static final int BATCHES_PER_RUN = 1_000;

  private RolloutTransitions() {}

  /** What the rollout loop does next. */
  enum Next {
    SUPERSEDE,
    ROLL_BACK,
    HOLD,
    PAUSE_STEP,
    MOVE_BATCH
  }

  /** What follows a batch the gate let through. */
  enum AfterBatch {
    FINISH,
    STEP_DONE,
    CONTINUE_AS_NEW,
    WAIT
  }

  /**
   * The gate's answer: the state (paused or wanting a rollback when tripped) and any budget flaw.
   */
  record Gate(RunState state, boolean tripped, String budgetProblem) {}

  static RunState start(RolloutInput input, RolloutState carried, FleetCounts counts) {
    RolloutState c = carried == null ? RolloutState.FRESH : carried;
    FleetCounts seen = counts == null ? FleetCounts.EMPTY : counts;
    RolloutPhase phase = c.rollingBack() ? RolloutPhase.RollingBack : RolloutPhase.Progressing;
    return new RunState(
        input,
        c,
        phase,
        seen,
        List.of(),
        0,
        0,
        0,
        c.step(),
        -1,
        c.acceptedFailures(),
        input.held(),
        c.pausedBy(),
        null,
        null,
        null,
        null,
        null,
        c.abandoned(),
        false,
        false,
        false);
  }

  /** The deployment's target: another revision supersedes, the same one updates the hold. */
  static RunState target(RunState s, RolloutInput next) {
    if (s.rollingBack() && next.revision().equals(s.abandoned().revision())) {
      // the deployment still asks for the revision this rollback left: stay rolled back
      return s.edit().abandoned(next).heldBySpec(next.held()).done();
    }
    if (next.revision().equals(s.input().revision())) {
      RolloutInput input = s.rollingBack() ? s.input().withPaused(next.held()) : next;
      return s.edit().revertedToStable(s.rollingBack()).input(input).heldBySpec(next.held()).done();
    }
    return s.edit().superseding(next).done();
  }

  static RunState fleetChanged(RunState s, FleetCounts fleet) {
    return s.edit().fleet(fleet, true).done();
  }

  static RunState pause(RunState s, ControlRequest request) {
    return s.pausedBy() == null ? s.edit().pausedBy(request).done() : s;
  }

  /** Ends a soft pause, accepting the failures seen so far; no pause, no change. */
  static RunState resume(RunState s, ControlRequest request) {
    if (s.pausedBy() == null) {
      return s;
    }
    return s.edit().pausedBy(null).resumedBy(request).acceptedFailures(s.counts().failed()).done();
  }

  static RunState abort(RunState s, ControlRequest request) {
    return s.edit().rollbackWanted(new PendingRollback(null, request, true)).done();
  }

  static RunState rollback(RunState s, RollbackRequest request) {
    return s.edit()
        .rollbackWanted(new PendingRollback(request.revision(), request.asControl(), false))
        .done();
  }

  /** Ends a soft pause, or skips the canary step in force; outside both, nothing. */
  static RunState promote(RunState s, ControlRequest request) {
    if (s.pausedBy() != null) {
      return resume(s, request);
    }
    return s.currentStep() != null ? s.edit().promoted(request).done() : s;
  }

  /**
   * As {@link #promote}; {@code full} also ends the step in force (even behind a soft pause) and
   * every step after it, so the rest of the fleet moves through the window.
   */
  static RunState promote(RunState s, PromoteRequest request) {
    RunState next = promote(s, request.asControl());
    if (!request.full() || s.currentStep() == null) {
      return next;
    }
    return next.edit().promoted(request.asControl()).promotedFull(true).done();
  }

  /** Only a degraded or aborted rollout has something to retry. */
  static boolean retriable(RunState s) {
    return s.phase() == RolloutPhase.Degraded || s.phase() == RolloutPhase.Aborted;
  }

  static RunState retry(RunState s, ControlRequest request) {
    return retriable(s) ? s.edit().retried(request).done() : s;
  }

  static Next next(RunState s) {
    if (s.superseding() != null) {
      return Next.SUPERSEDE;
    }
    if (s.rollbackWanted() != null) {
      return Next.ROLL_BACK;
    }
    if (s.paused()) {
      return Next.HOLD;
    }
    CanaryStep current = s.currentStep();
    return current != null && current.pauses() ? Next.PAUSE_STEP : Next.MOVE_BATCH;
  }

  static RunState batchMoved(RunState s, BatchResult batch) {
    return s.edit()
        .batch(batch.moved(), batch.window(), batch.failedDevices())
        .fleet(batch.fleet(), s.fleetChanged())
        .done();
  }

  /**
   * The health gate, outside a rollback and a pause. Tripped, it asks for a rollback to the stable
   * revision ({@code action: Rollback}, when there is one) or pauses the rollout until resumed. A
   * budget it cannot read tolerates no failures.
   */
  static Gate gate(RunState s) {
    if (s.rollingBack() || s.pausedBy() != null) {
      return new Gate(s, false, null);
    }
    RolloutInput in = s.input();
    String problem = null;
    FailureGate.Verdict verdict;
    try {
      verdict = FailureGate.check(in.failureBudget(), s.counts(), s.acceptedFailures());
    } catch (IllegalArgumentException e) {
      problem = e.getMessage();
      verdict = FailureGate.check("0", s.counts(), s.acceptedFailures());
    }
    if (!verdict.tripped()) {
      return new Gate(s, false, problem);
    }
    String why =
        verdict.failed()
            + " devices failed at revision "
            + in.revision()
            + ", more than maxFailures "
            + in.failureBudget()
            + failedNames(s);
    if (in.rollsBackOnFailure() && in.hasStableRevision()) {
      PendingRollback back =
          new PendingRollback(in.stableRevision(), new ControlRequest(GATE, why), false);
      return new Gate(s.edit().rollbackWanted(back).done(), true, problem);
    }
    if (in.rollsBackOnFailure()) {
      why +=
          "; failurePolicy.action is Rollback but there is no stable revision to return to (this"
              + " is the deployment's first rollout), so the rollout paused";
    }
    return new Gate(s.edit().pausedBy(new ControlRequest(GATE, why)).done(), true, problem);
  }

  private static String failedNames(RunState s) {
    if (s.failed().isEmpty()) {
      return "";
    }
    String names =
        s.failed().stream().map(FailedDevice::describe).collect(Collectors.joining(", "));
    return ": " + names + (s.counts().failed() > s.failed().size() ? ", ..." : "");
  }

  /** After a batch the gate let through, with the canary step that bounded it (null for none). */
  static AfterBatch afterBatch(RunState s, CanaryStep current, boolean continueAsNewSuggested) {
    if (s.counts().complete() && !s.interrupted()) {
      return AfterBatch.FINISH;
    }
    if (current != null
        && (s.promoted() != null
            || CanarySteps.at(s.input().canarySteps(), s.step(), s.counts())
                instanceof StepAction.Advance)) {
      return AfterBatch.STEP_DONE;
    }
    if (s.batches() >= BATCHES_PER_RUN || continueAsNewSuggested) {
      return AfterBatch.CONTINUE_AS_NEW;
    }
    return AfterBatch.WAIT;
  }

  /** How a step ends by a batch: promoted past, or its devices settled. */
  static String batchStepPassed(RunState s) {
    return s.promoted() != null ? "promoted by " + s.promoted().describe() : "done";
  }

  /**
   * Goes on to the next canary step, or past all of them after a full promote; a promote spent on
   * this one is used up.
   */
  static RunState nextStep(RunState s) {
    int next = s.promotedFull() ? s.input().canarySteps().size() : s.step() + 1;
    return s.edit().promoted(null).promotedFull(false).step(next).done();
  }

  /** An open pause holds the rollout as a soft pause that resume or promote ends. */
  static RunState takeOpenPause(RunState s) {
    String why = "step " + (s.step() + 1) + " of " + s.input().canarySteps().size();
    return s.edit()
        .openPauseTaken(s.step())
        .pausedBy(new ControlRequest(STEP, why + ", resume or promote"))
        .done();
  }

  /** Whether the open pause of the step in force has held the rollout once already. */
  static boolean openPauseTaken(RunState s) {
    return s.openPauseTaken() == s.step();
  }

  static RunState rollbackTaken(RunState s) {
    return s.edit().rollbackWanted(null).done();
  }

  /** Why this run rolls back, for its phase: an abort, the failure gate, or a person. */
  static String rollbackReason(RolloutState carried) {
    if (carried.abort()) {
      return "Aborted";
    }
    return GATE.equals(carried.rollbackBy().requestedBy())
        ? "FailureBudgetExceeded"
        : "RollbackRequested";
  }

  /** Why the rollout is paused, for its phase. */
  static String pauseReason(RunState s) {
    if (s.heldBySpec()) {
      return "SpecPaused";
    }
    return switch (s.pausedBy().requestedBy() == null ? "" : s.pausedBy().requestedBy()) {
      case GATE -> "FailureBudgetExceeded";
      case STEP -> "StepPause";
      default -> "PausedBySignal";
    };
  }
}
