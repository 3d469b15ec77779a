package io.rollwave.rollout;

import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.rollout.ControlOutcome;
import io.rollwave.api.rollout.ControlRequest;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.PlanSummary;
import io.rollwave.api.rollout.PromoteRequest;
import io.rollwave.api.rollout.RollbackRequest;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.api.rollout.RolloutProgress;
import io.rollwave.api.rollout.RolloutState;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The window loop: move the next batch, wait until status changes (or a poll interval passes),
 * repeat until every device runs the revision and is available; canary steps bound it, the failure
 * gate pauses it or rolls it back, people pause, resume, promote, abort and roll it back. History
 * grows with batches and signals, never with devices; the run continues as new before it grows
 * large, and a rollback is a run of its own. {@link RolloutTransitions} decides over one {@link
 * RunState}, {@link RolloutLoop} acts and waits, {@link RolloutNarrator} tells; this class receives
 * the run and its signals, updates and queries.
 */
public class RolloutWorkflowImpl implements RolloutWorkflow {
  /** The control updates' events came after runs with resumeRollout were recorded. */
  static final String CONTROL_EVENTS = "control-update-events";

  /** Null until run() begins; signal-with-start delivers its signal first. */
  private RolloutLoop loop;

  /** Signalled before run() began: the target, and the fleet. */
  private RolloutInput earlyTarget;

  private FleetCounts earlyCounts = FleetCounts.EMPTY;

  @Override
  public FleetCounts run(RolloutInput input, RolloutState carried) {
    RolloutNarrator narrator = new RolloutNarrator(input);
    loop = new RolloutLoop(narrator, RolloutTransitions.start(input, carried, earlyCounts));
    if (earlyTarget != null) {
      loop.update(s -> RolloutTransitions.target(s, earlyTarget));
    }
    FleetCounts done;
    try {
      done = loop.toCompletion();
    } catch (CanceledFailure cancelled) {
      // the run is cancelled (the UI's Request Cancellation, or a deleted deployment): say so
      Workflow.newDetachedCancellationScope(loop::cancelled).run();
      throw cancelled;
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    return done;
  }

  @Override
  public void target(RolloutInput next) {
    operatorTarget(next);
  }

  @Override
  public void fleetChanged(FleetCounts counts) {
    operatorFleetChanged(counts);
  }

  @Override
  public void operatorTarget(RolloutInput next) {
    if (loop == null) {
      earlyTarget = next;
    } else {
      loop.update(s -> RolloutTransitions.target(s, next));
    }
  }

  @Override
  public void operatorFleetChanged(FleetCounts counts) {
    if (loop == null) {
      earlyCounts = counts;
    } else {
      loop.update(s -> RolloutTransitions.fleetChanged(s, counts));
    }
  }

  @Override
  public void pause(ControlRequest request) {
    if (loop != null) {
      loop.update(s -> RolloutTransitions.pause(s, request));
    }
  }

  @Override
  public void resume(ControlRequest request) {
    if (loop != null && loop.state().pausedBy() != null) {
      asked("resume", request);
      loop.update(s -> RolloutTransitions.resume(s, request));
    }
  }

  @Override
  public void abort(ControlRequest request) {
    if (loop != null) {
      asked("abort", request);
      loop.update(s -> RolloutTransitions.abort(s, request));
    }
  }

  @Override
  public void rollback(RollbackRequest request) {
    if (loop != null) {
      String to = request.revision() == null ? "the stable revision" : "rev " + request.revision();
      asked("rollback to " + to, request.asControl());
      loop.update(s -> RolloutTransitions.rollback(s, request));
    }
  }

  @Override
  public void promote(ControlRequest request) {
    if (loop != null) {
      asked("promote", request);
      if (loop.state().pausedBy() != null) {
        asked("resume", request);
      }
      loop.update(s -> RolloutTransitions.promote(s, request));
    }
  }

  @Override
  public void retry(ControlRequest request) {
    if (loop == null) {
      return;
    }
    if (!RolloutTransitions.retriable(loop.state())) {
      loop.narrator()
          .log(loop.state())
          .info(
              "retry by {} ignored: nothing to retry in phase {}",
              request.describe(),
              loop.state().phase());
    }
    loop.update(s -> RolloutTransitions.retry(s, request));
  }

  private void asked(String what, ControlRequest by) {
    loop.narrator().log(loop.state()).info("{} requested by {}", what, by.describe());
  }

  @Override
  public void validatePauseRollout(ControlRequest request) {
    refuseIf(RolloutControls::pauseRefusal);
  }

  @Override
  public ControlOutcome pauseRollout(ControlRequest request) {
    return control(
        "PauseRequested",
        request,
        s -> RolloutTransitions.pause(s, request),
        RolloutControls::paused);
  }

  @Override
  public void validateResumeRollout(ControlRequest request) {
    refuseIf(RolloutControls::resumeRefusal);
  }

  @Override
  public ControlOutcome resumeRollout(ControlRequest request) {
    return control(
        "ResumeRequested",
        request,
        s -> RolloutTransitions.resume(s, request),
        RolloutControls::resumed);
  }

  @Override
  public void validatePromoteRollout(PromoteRequest request) {
    refuseIf(RolloutControls::promoteRefusal);
  }

  @Override
  public ControlOutcome promoteRollout(PromoteRequest request) {
    return control(
        "PromoteRequested",
        request.asControl(),
        s -> RolloutTransitions.promote(s, request),
        (before, after) -> RolloutControls.promoted(before, after, request.full()));
  }

  @Override
  public void validateAbortRollout(ControlRequest request) {
    refuseIf(RolloutControls::abortRefusal);
  }

  @Override
  public ControlOutcome abortRollout(ControlRequest request) {
    return control(
        "AbortRequested",
        request,
        s -> RolloutTransitions.abort(s, request),
        (before, after) -> RolloutControls.aborted(before));
  }

  @Override
  public void validateRetryRollout(ControlRequest request) {
    refuseIf(RolloutControls::retryRefusal);
  }

  @Override
  public ControlOutcome retryRollout(ControlRequest request) {
    return control(
        "RetryRequested",
        request,
        s -> RolloutTransitions.retry(s, request),
        (before, after) -> RolloutControls.retried(before));
  }

  @Override
  public void validateUndoRollout(RollbackRequest request) {
    refuseIf(s -> RolloutControls.undoRefusal(s, request.revision()));
  }

  @Override
  public ControlOutcome undoRollout(RollbackRequest request) {
    String revision =
        request.revision() == null || request.revision().isBlank() ? null : request.revision();
    RollbackRequest undo = new RollbackRequest(request.requestedBy(), request.reason(), revision);
    return control(
        "UndoRequested",
        request.asControl(),
        s -> RolloutTransitions.rollback(s, undo),
        (before, after) -> RolloutControls.undone(before, revision));
  }

  /** Refuses the update with the reason {@code refusal} gives, before it enters the history. */
  private void refuseIf(Function<RunState, Optional<String>> refusal) {
    Optional<String> why =
        loop == null ? Optional.of(RolloutControls.STARTING) : refusal.apply(loop.state());
    if (why.isPresent()) {
      throw new IllegalStateException(why.get());
    }
  }

  /**
   * Applies an accepted control, answers what it changed and records it as a Kubernetes event
   * naming who asked and why (the update's input in the history says the same).
   */
  private ControlOutcome control(
      String reason,
      ControlRequest by,
      UnaryOperator<RunState> change,
      BiFunction<RunState, RunState, ControlOutcome> answer) {
    RunState before = loop.state();
    loop.update(change);
    ControlOutcome outcome = answer.apply(before, loop.state());
    // resumeRollout was recorded, without the event, before the other updates came
    if (Workflow.getVersion(CONTROL_EVENTS, Workflow.DEFAULT_VERSION, 1) == 1) {
      loop.narrator().controlled(loop.state(), reason, by, outcome);
    }
    return outcome;
  }

  @Override
  public PlanSummary previewPlan() {
    // an update can arrive with the first workflow task, before run() has begun
    Workflow.await(() -> loop != null);
    return loop.previewPlan();
  }

  @Override
  public RolloutProgress progress() {
    if (loop == null) {
      return new RolloutProgress(
          RolloutPhase.Progressing.name(), "", earlyCounts, 0, 0, 0, null, 0, List.of(), null);
    }
    return loop.state().progress();
  }
}
