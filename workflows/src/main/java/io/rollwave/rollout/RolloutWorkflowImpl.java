package io.rollwave.rollout;

import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.rollout.BatchResult;
import io.rollwave.api.rollout.CanaryStep;
import io.rollwave.api.rollout.ControlRequest;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.PlanSummary;
import io.rollwave.api.rollout.RollbackRequest;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.api.rollout.RolloutProgress;
import io.rollwave.api.rollout.RolloutState;
import io.rollwave.rollout.RolloutTransitions.AfterBatch;
import io.rollwave.rollout.RolloutTransitions.Gate;
import io.rollwave.rollout.RolloutTransitions.RollbackPlan;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The window loop: move the next batch, wait until status changes (or a poll interval passes),
 * repeat until every device runs the revision and is available; canary steps bound it, the failure
 * gate pauses it or rolls it back, people pause, resume, promote, abort and roll it back. History
 * grows with batches and signals, never with devices; the run continues as new before it grows
 * large, and a rollback is a run of its own. What to do is decided by {@link RolloutTransitions}
 * over one {@link RunState}; {@link RolloutNarrator} tells about it; this class waits and acts.
 */
public class RolloutWorkflowImpl implements RolloutWorkflow {
  /** Without a status signal, look at the fleet again after this long. */
  static final Duration POLL_INTERVAL = Duration.ofSeconds(30);

  static final String SINGLE_POLL_TIMER = "single-poll-timer";

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

  /** Null until run() begins; signal-with-start delivers its signal first. */
  private RunState state;

  private RolloutNarrator narrator;

  /** Signalled before run() began: the target, and the fleet. */
  private RolloutInput earlyTarget;

  private FleetCounts earlyCounts = FleetCounts.EMPTY;

  /** The pending poll timer, shared by every wait of this run. */
  private Promise<Void> pollTimer;

  @Override
  public FleetCounts run(RolloutInput input, RolloutState carried) {
    narrator = new RolloutNarrator(input);
    state = RolloutTransitions.start(input, carried, earlyCounts);
    if (earlyTarget != null) {
      state = RolloutTransitions.target(state, earlyTarget);
    }
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
      case CONTINUE_AS_NEW -> Workflow.continueAsNew(state.input(), state.carry());
      case WAIT -> awaitNews();
    }
    return Optional.empty();
  }

  /** Runs the batch activity; a failure it cannot retry puts the rollout in Degraded. */
  private Optional<BatchResult> runBatch(CanaryStep current) {
    try {
      return Optional.of(
          fleet.moveNextBatch(state.input(), current == null ? null : current.batch()));
    } catch (ActivityFailure e) {
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

  /**
   * Waits for a signal that something changed, or for the poll interval to pass without one. One
   * poll timer stays pending across the waits: {@code Workflow.await} with a timeout leaves its
   * timer running after the condition is met, so every wait used to add a TimerStarted, and 30 s
   * later a TimerFired and a workflow task, to the history (a fifth of a 10,000-device rollout's
   * events). Runs recorded before the change keep waiting as they did.
   */
  private void awaitNews() {
    if (Workflow.getVersion(SINGLE_POLL_TIMER, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      Workflow.await(pollInterval(), this::news);
      return;
    }
    if (pollTimer == null || pollTimer.isCompleted()) {
      pollTimer = Workflow.newTimer(pollInterval());
    }
    Promise<Void> timer = pollTimer;
    Workflow.await(() -> timer.isCompleted() || news());
  }

  private boolean news() {
    return state.fleetChanged()
        || state.interrupted()
        || state.promoted() != null
        || state.paused();
  }

  /**
   * Devices baking for minReadySeconds turn available by time alone, with no status change to
   * signal it: with a bake time, look at the fleet at least twice per bake.
   */
  private Duration pollInterval() {
    Duration half = Duration.ofSeconds(Math.max(1, state.input().bakeSeconds() / 2));
    return state.input().bakeSeconds() <= 0 || half.compareTo(POLL_INTERVAL) >= 0
        ? POLL_INTERVAL
        : half;
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
    Workflow.await(
        Duration.ofSeconds(current.pauseSeconds()),
        () -> state.promoted() != null || state.interrupted());
    if (state.interrupted()) {
      return;
    }
    enter(state.progressingPhase(), "StepPauseEnded", RolloutNarrator.rollingOut(state));
    nextStep(
        state.promoted() != null ? "promoted by " + state.promoted().describe() : "pause over");
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
        Workflow.continueAsNew(left, RolloutState.FRESH);
      }
      beginRollback();
    }
  }

  /** Starts the rollback asked for, as a run of its own, or says why it cannot. */
  private void beginRollback() {
    RollbackPlan plan = RolloutTransitions.planRollback(state);
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
        Workflow.continueAsNew(plan.next(), plan.carried());
      }
    }
  }

  private void supersede() {
    narrator.superseded(state);
    Workflow.continueAsNew(state.superseding(), RolloutState.FRESH);
  }

  @Override
  public void target(RolloutInput next) {
    if (state == null) {
      earlyTarget = next;
    } else {
      state = RolloutTransitions.target(state, next);
    }
  }

  @Override
  public void pause(ControlRequest request) {
    if (state != null) {
      state = RolloutTransitions.pause(state, request);
    }
  }

  @Override
  public void resume(ControlRequest request) {
    if (state != null && state.pausedBy() != null) {
      narrator.log(state).info("resume requested by {}", request.describe());
      state = RolloutTransitions.resume(state, request);
    }
  }

  @Override
  public void abort(ControlRequest request) {
    if (state != null) {
      narrator.log(state).info("abort requested by {}", request.describe());
      state = RolloutTransitions.abort(state, request);
    }
  }

  @Override
  public void rollback(RollbackRequest request) {
    if (state != null) {
      String to = request.revision() == null ? "the stable revision" : "rev " + request.revision();
      narrator
          .log(state)
          .info("rollback to {} requested by {}", to, request.asControl().describe());
      state = RolloutTransitions.rollback(state, request);
    }
  }

  @Override
  public void promote(ControlRequest request) {
    if (state != null) {
      narrator.log(state).info("promote requested by {}", request.describe());
      resume(request);
      if (state.pausedBy() == null) {
        state = RolloutTransitions.promote(state, request);
      }
    }
  }

  @Override
  public void retry(ControlRequest request) {
    if (state == null) {
      return;
    }
    if (!RolloutTransitions.retriable(state)) {
      narrator
          .log(state)
          .info(
              "retry by {} ignored: nothing to retry in phase {}",
              request.describe(),
              state.phase());
    }
    state = RolloutTransitions.retry(state, request);
  }

  @Override
  public void validateResumeRollout(ControlRequest request) {
    String refusal =
        state == null
            ? "the rollout is not paused (phase Progressing)"
            : RolloutTransitions.resumeRefusal(state);
    if (refusal != null) {
      throw new IllegalStateException(refusal);
    }
  }

  @Override
  public String resumeRollout(ControlRequest request) {
    resume(request);
    return state == null ? RolloutPhase.Progressing.name() : state.progressingPhase().name();
  }

  @Override
  public PlanSummary previewPlan() {
    return fleet.previewPlan(state.input());
  }

  @Override
  public void fleetChanged(FleetCounts counts) {
    if (state == null) {
      earlyCounts = counts;
    } else {
      state = RolloutTransitions.fleetChanged(state, counts);
    }
  }

  @Override
  public RolloutProgress progress() {
    RunState s = state;
    if (s == null) {
      return new RolloutProgress(
          RolloutPhase.Progressing.name(), "", earlyCounts, 0, 0, 0, null, 0, List.of(), null);
    }
    return s.progress();
  }
}
