package io.rollwave.rollout;

import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.rollout.BatchResult;
import io.rollwave.api.rollout.CanaryStep;
import io.rollwave.api.rollout.ControlRequest;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.PlanSummary;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.api.rollout.RolloutState;
import io.rollwave.rollout.RolloutTransitions.AfterBatch;
import io.rollwave.rollout.RolloutTransitions.Gate;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One run's window loop and the waits around it: runs the actions {@link RolloutTransitions}
 * decides, on the one {@link RunState} that signals also change (through {@link #update}), and lets
 * {@link RolloutNarrator} tell about each.
 */
final class RolloutLoop {
  private final FleetActivities fleet =
      Workflow.newActivityStub(
          FleetActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(5))
              .setHeartbeatTimeout(Duration.ofSeconds(30))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setMaximumInterval(Duration.ofSeconds(30))
                      .build())
              .build());

  private final RolloutNarrator narrator;
  private RunState state;

  private final PollWait poll = new PollWait();

  /** Canary pauses got timers with summaries after runs were recorded. */
  static final String TIMER_SUMMARIES = "timer-summaries";

  private Promise<Void> pauseTimer;

  static final String CANCEL_REPORTS = "cancel-reports";

  RolloutLoop(RolloutNarrator narrator, RunState state) {
    this.narrator = narrator;
    this.state = state;
  }

  RunState state() {
    return state;
  }

  /** A signal's change; the loop sees it at its next step or wait. */
  void update(UnaryOperator<RunState> change) {
    state = change.apply(state);
  }

  RolloutNarrator narrator() {
    return narrator;
  }

  PlanSummary previewPlan() {
    return fleet.previewPlan(state.input());
  }

  /** Runs until every device runs the revision and is available (or the run continues as new). */
  FleetCounts toCompletion() {
    narrator.begin(state);
    while (true) {
      switch (RolloutTransitions.next(state)) {
        case SUPERSEDE -> supersede();
        case ROLL_BACK -> beginRollback();
        case HOLD -> holdWhilePaused();
        case PAUSE_STEP -> pauseStep(state.currentStep());
        case MOVE_BATCH -> {
          Optional<FleetCounts> done = moveBatch(state.currentStep());
          if (done.isPresent()) {
            return done.get();
          }
        }
      }
    }
  }

  /** One batch, then the gate, then the end, the next step, a new run or a wait for news. */
  private Optional<FleetCounts> moveBatch(CanaryStep current) {
    state = state.edit().fleet(state.counts(), false).done();
    Optional<BatchResult> batch = runBatch(current);
    if (batch.isEmpty()) {
      return Optional.empty();
    }
    state = RolloutTransitions.batchMoved(state, batch.get());
    narrator.batch(state, batch.get());
    Gate gate = RolloutTransitions.gate(state);
    if (gate.budgetProblem() != null) {
      narrator.budgetUnreadable(state, gate.budgetProblem());
    }
    state = gate.state();
    if (gate.tripped()) {
      return Optional.empty();
    }
    boolean suggested = Workflow.getInfo().isContinueAsNewSuggested();
    AfterBatch after = RolloutTransitions.afterBatch(state, current, suggested);
    switch (after) {
      case FINISH -> {
        return Optional.of(finish());
      }
      case STEP_DONE -> nextStep(RolloutTransitions.batchStepPassed(state));
      case CONTINUE_AS_NEW -> continueAsNew(state.input(), state.carry());
      case WAIT -> poll.await(state.input().bakeSeconds(), () -> state.hasNews());
    }
    return Optional.empty();
  }

  /** Runs the batch activity; a failure it cannot retry puts the rollout in Degraded. */
  private Optional<BatchResult> runBatch(CanaryStep current) {
    try {
      return Optional.of(
          fleet.moveNextBatch(state.input(), current == null ? null : current.batch()));
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof CanceledFailure cancelled) {
        throw cancelled; // the run is cancelled: nothing degraded, nothing to retry
      }
      ApplicationFailure app = e.getCause() instanceof ApplicationFailure failure ? failure : null;
      String reason = app != null && app.getType() != null ? app.getType() : "ActivityFailed";
      String message =
          app != null
              ? app.getOriginalMessage()
              : String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
      degraded(reason, message);
      return Optional.empty();
    }
  }

  private void enter(RolloutPhase phase, String reason, String message) {
    state = state.withPhase(phase);
    narrator.phase(state, reason, message);
  }

  private void nextStep(String how) {
    RunState before = state;
    state = RolloutTransitions.nextStep(state);
    narrator.stepPassed(before, state, how);
  }

  /** A pause step: timed, it waits out its time (or a promote); open, it holds until resumed. */
  private void pauseStep(CanaryStep current) {
    if (current.openEnded()) {
      if (RolloutTransitions.openPauseTaken(state)) {
        nextStep("resumed");
      } else {
        state = RolloutTransitions.takeOpenPause(state);
      }
      return;
    }
    state = state.withPhase(RolloutPhase.Paused);
    narrator.stepPaused(state, current);
    awaitPause(current);
    if (state.interrupted()) {
      return;
    }
    enter(state.progressingPhase(), "StepPauseEnded", RolloutNarrator.rollingOut(state));
    nextStep(
        state.promoted() != null ? "promoted by " + state.promoted().describe() : "pause over");
  }

  /**
   * Waits out a timed canary pause or until a promote or an interruption. Its timer carries a
   * summary for the Temporal UI ("canary pause 10 m"); runs recorded before that wait as they did.
   */
  private void awaitPause(CanaryStep current) {
    Duration pause = Duration.ofSeconds(current.pauseSeconds());
    if (Workflow.getVersion(TIMER_SUMMARIES, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      Workflow.await(pause, () -> state.promoted() != null || state.interrupted());
      return;
    }
    String summary =
        "canary pause "
            + RolloutSummary.duration(current.pauseSeconds())
            + " (step "
            + (state.step() + 1)
            + " of "
            + state.input().canarySteps().size()
            + ")";
    TimerOptions options = TimerOptions.newBuilder().setSummary(summary).build();
    CancellationScope scope =
        Workflow.newCancellationScope(() -> pauseTimer = Workflow.newTimer(pause, options));
    scope.run();
    Promise<Void> timer = pauseTimer;
    Workflow.await(() -> timer.isCompleted() || state.promoted() != null || state.interrupted());
    if (!timer.isCompleted()) {
      scope.cancel();
    }
  }

  /** Moves nothing until neither spec.paused nor a pause holds the rollout. */
  private void holdWhilePaused() {
    state = state.withPhase(RolloutPhase.Paused);
    narrator.paused(state);
    Workflow.await(() -> !state.paused() || state.interrupted());
    if (!state.interrupted()) {
      ControlRequest by = state.resumedBy();
      narrator.resumed(state, by);
      state = state.edit().resumedBy(null).done();
      enter(state.progressingPhase(), "RolloutResumed", RolloutNarrator.rollingOut(state));
      narrator.log(state).info("resumed");
    }
  }

  /**
   * A failure the activity cannot retry (a missing revision, a forbidden patch): phase Degraded
   * until someone fixes the cause and signals {@code retry}, or a new revision or a rollback
   * arrives.
   */
  private void degraded(String reason, String message) {
    state = state.withPhase(RolloutPhase.Degraded);
    narrator.degraded(state, reason, message);
    Workflow.await(() -> state.retried() != null || state.interrupted());
    if (state.retried() != null) {
      narrator.retried(state, state.retried());
      state = state.edit().retried(null).done();
      enter(state.progressingPhase(), "Retried", RolloutNarrator.rollingOut(state));
    }
  }

  /** Every device runs the revision and is available: a rollout completes, a rollback waits. */
  private FleetCounts finish() {
    if (state.rollingBack() && !state.revertedToStable()) {
      String message = narrator.rolledBack(state);
      enter(RolloutPhase.Aborted, state.carried().abort() ? "Aborted" : "RolledBack", message);
      waitAfterAbort(state.abandoned());
    }
    state = state.withPhase(RolloutPhase.Complete);
    narrator.complete(state);
    if (state.superseding() != null) {
      // a new revision arrived while the end was being recorded: finishing would lose it
      supersede();
    }
    return state.counts();
  }

  /**
   * Stays aborted, never finishing (a finished run would let the operator start the abandoned
   * revision again), until a new revision supersedes it, {@code retry} starts the abandoned rollout
   * again, or a rollback to another revision is asked for. Returns only when the deployment's
   * template goes back to the revision the fleet was rolled back to: that rollout is complete.
   */
  private void waitAfterAbort(RolloutInput left) {
    while (true) {
      Workflow.await(
          () -> state.retried() != null || state.interrupted() || state.revertedToStable());
      if (state.superseding() != null) {
        supersede();
      }
      if (state.revertedToStable()) {
        return;
      }
      if (state.retried() != null) {
        narrator.restarted(state, left, state.retried());
        continueAsNew(left, RolloutState.FRESH);
      }
      beginRollback();
    }
  }

  /** Starts the rollback asked for, as a run of its own, or says why it cannot. */
  private void beginRollback() {
    RollbackPlan plan = RollbackPlan.of(state);
    state = RolloutTransitions.rollbackTaken(state);
    switch (plan.kind()) {
      case IGNORED -> narrator.rollbackIgnored(state, plan);
      case REFUSED -> {
        String message = narrator.rollbackRefused(state, plan);
        if (plan.wanted().abort()) {
          enter(RolloutPhase.Aborted, "Aborted", message);
          waitAfterAbort(plan.from());
        }
      }
      case ALREADY_THERE -> {}
      case START -> {
        narrator.rollbackStarts(state, plan);
        continueAsNew(plan.next(), plan.carried());
      }
    }
  }

  private void supersede() {
    narrator.superseded(state);
    continueAsNew(state.superseding(), RolloutState.FRESH);
  }

  /**
   * The run was cancelled: nothing more moves, devices stay where they are, and the deployment's
   * status says so (phase Aborted, reason Cancelled). Runs cancelled before this said nothing.
   */
  void cancelled() {
    if (Workflow.getVersion(CANCEL_REPORTS, Workflow.DEFAULT_VERSION, 1) == 1) {
      state = state.withPhase(RolloutPhase.Aborted);
      narrator.cancelled(state);
    }
  }

  /**
   * Ends the run into the next one once every update handler has answered: a control update that
   * caused the new run (an abort, an undo) still records its event and returns its outcome.
   */
  static void continueAsNew(RolloutInput next, RolloutState carried) {
    Workflow.await(Workflow::isEveryHandlerFinished);
    Workflow.continueAsNew(next, carried);
  }
}
