package io.rollwave.rollout;

import io.rollwave.api.rollout.BatchResult;
import io.rollwave.api.rollout.CanaryStep;
import io.rollwave.api.rollout.ControlRequest;
import io.rollwave.api.rollout.FailedDevice;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.PlanSummary;
import io.rollwave.api.rollout.RollbackRequest;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.api.rollout.RolloutProgress;
import io.rollwave.api.rollout.RolloutState;
import io.rollwave.rollout.plan.CanarySteps;
import io.rollwave.rollout.plan.FailureGate;
import io.rollwave.rollout.plan.StepAction;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * The window loop: move the next batch, wait until status changes (or a poll interval passes),
 * repeat until every device runs the revision and is available; canary steps bound it, the failure
 * gate pauses it or rolls it back, people pause, resume, promote, abort and roll it back. History
 * grows with batches and signals, never with devices; the run continues as new before it grows
 * large, and a rollback is a run of its own.
 */
public class RolloutWorkflowImpl implements RolloutWorkflow {
  public static final SearchAttributeKey<String> DEPLOYMENT =
      SearchAttributeKey.forKeyword("RolloutDeployment");
  public static final SearchAttributeKey<String> REVISION =
      SearchAttributeKey.forKeyword("RolloutRevision");
  public static final SearchAttributeKey<String> PHASE =
      SearchAttributeKey.forKeyword("RolloutPhase");

  /** Without a status signal, look at the fleet again after this long. */
  static final Duration POLL_INTERVAL = Duration.ofSeconds(30);

  /** Continue as new after this many batches even if Temporal does not suggest it yet. */
  static final int BATCHES_PER_RUN = 1_000;

  /** At most this many DeviceUnhealthy events per run, so a fleet-wide failure stays readable. */
  static final int DEVICE_EVENTS_PER_RUN = 20;

  static final String GATE = "failure-gate";
  static final String STEP = "canary-step";
  static final String SINGLE_POLL_TIMER = "single-poll-timer";

  private static final Logger LOG = Workflow.getLogger(RolloutWorkflowImpl.class);

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

  private RolloutRecorder recorder;
  private RolloutInput input;
  private RolloutState carried = RolloutState.FRESH;

  /** A target signalled before run() began (signal-with-start delivers the signal first). */
  private RolloutInput signalledBeforeStart;

  private RolloutInput superseding;

  /** During a rollback: the rollout it left, which {@code retry} starts again. */
  private RolloutInput abandoned;

  /** During a rollback: the deployment's template went back to this run's revision. */
  private boolean revertedToStable;

  private FleetCounts counts = FleetCounts.EMPTY;
  private List<FailedDevice> failed = List.of();
  private final Set<String> unhealthyReported = new HashSet<>();
  private String phase = "Progressing";
  private int window;
  private int batches;
  private int devicesMoved;
  private int step;
  private boolean fleetChanged;

  /** The pending poll timer, shared by every wait of this run. */
  private Promise<Void> pollTimer;

  private boolean heldBySpec;
  private ControlRequest pausedBy;
  private ControlRequest resumedBy;
  private ControlRequest promoted;
  private ControlRequest retried;
  private PendingRollback rollbackWanted;

  /** The step whose open pause has held the rollout (the next pass goes on); -1 for none. */
  private int openPauseTaken = -1;

  /** Failed devices already seen when someone resumed: the gate counts failures beyond them. */
  private int acceptedFailures;

  /** The last tenth of the fleet a RolloutProgress event was recorded for. */
  private int progressReported;

  /** A rollback asked for (by a signal or the gate) and not yet begun. */
  private record PendingRollback(String revision, ControlRequest by, boolean abort) {}

  @Override
  public FleetCounts run(RolloutInput input, RolloutState state) {
    this.input = input;
    this.carried = state == null ? RolloutState.FRESH : state;
    this.recorder = new RolloutRecorder(input);
    this.heldBySpec = input.held();
    this.step = carried.step();
    this.acceptedFailures = carried.acceptedFailures();
    this.pausedBy = carried.pausedBy();
    this.abandoned = carried.abandoned();
    if (signalledBeforeStart != null) {
      target(signalledBeforeStart);
    }
    phase = rollingBack() ? "RollingBack" : "Progressing";
    Workflow.upsertTypedSearchAttributes(
        DEPLOYMENT.valueSet(input.namespace() + "/" + input.deployment()),
        REVISION.valueSet(input.revision()),
        PHASE.valueSet(phase));
    describeRun();
    if (!carried.carriesOn()) {
      announce();
    }
    while (true) {
      if (superseding != null) {
        supersede();
      }
      if (rollbackWanted != null) {
        beginRollback();
        continue;
      }
      if (paused()) {
        holdWhilePaused();
        continue;
      }
      CanaryStep current = currentStep();
      if (current != null && current.pauses()) {
        pauseStep(current);
        continue;
      }
      fleetChanged = false;
      Optional<BatchResult> batch = moveBatch(current);
      if (batch.isEmpty()) {
        continue;
      }
      record(batch.get());
      if (!rollingBack() && pausedBy == null && gateTripped()) {
        continue;
      }
      if (counts.complete() && superseding == null && rollbackWanted == null) {
        return finish();
      }
      if (current != null && stepDone(current)) {
        continue;
      }
      if (batches >= BATCHES_PER_RUN || Workflow.getInfo().isContinueAsNewSuggested()) {
        Workflow.continueAsNew(input, carry());
      }
      awaitNews();
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
    return fleetChanged
        || superseding != null
        || rollbackWanted != null
        || promoted != null
        || paused();
  }

  private void announce() {
    if (rollingBack()) {
      String message =
          "Rolling back from revision "
              + abandoned.revision()
              + " to "
              + input.revision()
              + ": "
              + carried.rollbackBy().describe();
      log().info("{}", message);
      recorder.warning("RollingBack", message);
      recorder.phase(phase, rollbackReason(), message, stepInForce());
      return;
    }
    log().info("rollout started");
    recorder.normal("RolloutStarted", "Starting rollout of revision " + input.revision());
    recorder.phase(
        phase, "RolloutInProgress", "Rolling out revision " + input.revision(), stepInForce());
  }

  /** Runs the batch activity; a failure it cannot retry puts the rollout in Degraded. */
  private Optional<BatchResult> moveBatch(CanaryStep current) {
    try {
      return Optional.of(fleet.moveNextBatch(input, current == null ? null : current.batch()));
    } catch (ActivityFailure e) {
      String reason =
          e.getCause() instanceof ApplicationFailure app && app.getType() != null
              ? app.getType()
              : "ActivityFailed";
      String message =
          e.getCause() instanceof ApplicationFailure app
              ? app.getOriginalMessage()
              : String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
      degraded(reason, message);
      return Optional.empty();
    }
  }

  private void record(BatchResult batch) {
    batches++;
    devicesMoved += batch.moved();
    window = batch.window();
    counts = batch.fleet();
    failed = batch.failedDevices();
    if (batch.moved() > 0) {
      log()
          .info(
              "batch {} moved {} devices ({} of {} updated)",
              batches,
              batch.moved(),
              counts.updated(),
              counts.total());
      progressEvent();
    }
    for (FailedDevice device : failed) {
      if (unhealthyReported.size() < DEVICE_EVENTS_PER_RUN
          && unhealthyReported.add(device.name())) {
        recorder.warning(
            "DeviceUnhealthy",
            "Device "
                + device.name()
                + " failed at revision "
                + input.revision()
                + (device.reason() == null ? "" : ": " + device.reason()));
      }
    }
    describeRun();
  }

  /**
   * The health gate. Tripped, it asks for a rollback to the stable revision ({@code action:
   * Rollback}, when there is one) or pauses the rollout until resumed.
   */
  private boolean gateTripped() {
    FailureGate.Verdict verdict;
    try {
      verdict = FailureGate.check(input.failureBudget(), counts, acceptedFailures);
    } catch (IllegalArgumentException e) {
      log()
          .warn(
              "failurePolicy.maxFailures {}: {}; no failures tolerated",
              input.failureBudget(),
              e.getMessage());
      verdict = FailureGate.check("0", counts, acceptedFailures);
    }
    if (!verdict.tripped()) {
      return false;
    }
    String why =
        verdict.failed()
            + " devices failed at revision "
            + input.revision()
            + ", more than maxFailures "
            + input.failureBudget()
            + failedNames();
    if (input.rollsBackOnFailure()) {
      if (input.hasStableRevision()) {
        rollbackWanted =
            new PendingRollback(input.stableRevision(), new ControlRequest(GATE, why), false);
        return true;
      }
      why +=
          "; failurePolicy.action is Rollback but there is no stable revision to return to (this"
              + " is the deployment's first rollout), so the rollout paused";
    }
    pausedBy = new ControlRequest(GATE, why);
    return true;
  }

  private String failedNames() {
    if (failed.isEmpty()) {
      return "";
    }
    String names = failed.stream().map(FailedDevice::describe).collect(Collectors.joining(", "));
    return ": " + names + (counts.failed() > failed.size() ? ", ..." : "");
  }

  /** The canary step in force, or null past the steps, in a rollback or with Recreate. */
  private CanaryStep currentStep() {
    if (rollingBack() || input.recreate() || step >= input.canarySteps().size()) {
      return null;
    }
    return input.canarySteps().get(step);
  }

  /** After a batch: whether the batch step is passed (or promoted past), and if so goes on. */
  private boolean stepDone(CanaryStep current) {
    boolean promotedPast = promoted != null;
    if (promotedPast
        || CanarySteps.at(input.canarySteps(), step, counts) instanceof StepAction.Advance) {
      nextStep(promotedPast ? "promoted by " + promoted.describe() : "done");
      return true;
    }
    return false;
  }

  /** A pause step: timed, it waits out its time (or a promote); open, it holds until resumed. */
  private void pauseStep(CanaryStep current) {
    if (current.openEnded()) {
      if (openPauseTaken == step) {
        nextStep("resumed");
        return;
      }
      openPauseTaken = step;
      pausedBy =
          new ControlRequest(
              STEP,
              "step " + (step + 1) + " of " + input.canarySteps().size() + ", resume or promote");
      return;
    }
    String message =
        "Step "
            + (step + 1)
            + " of "
            + input.canarySteps().size()
            + ": pausing "
            + current.pauseSeconds()
            + "s (promote to skip)";
    setPhase("Paused", "StepPause", message);
    recorder.normal("RolloutStepPaused", message);
    Workflow.await(
        Duration.ofSeconds(current.pauseSeconds()),
        () -> promoted != null || superseding != null || rollbackWanted != null);
    if (superseding != null || rollbackWanted != null) {
      return;
    }
    setPhase(progressingPhase(), "StepPauseEnded", "Rolling out revision " + input.revision());
    nextStep(promoted != null ? "promoted by " + promoted.describe() : "pause over");
  }

  private void nextStep(String how) {
    promoted = null;
    String message =
        "Step "
            + (step + 1)
            + " of "
            + input.canarySteps().size()
            + " ("
            + input.canarySteps().get(step).describe()
            + ") "
            + how
            + ": "
            + counts.updated()
            + "/"
            + counts.total()
            + " devices at revision "
            + input.revision();
    log().info("{}", message);
    recorder.normal("RolloutStep", message);
    step++;
    recorder.phase(phase, "CanaryStep", message, stepInForce());
    describeRun();
  }

  /**
   * A failure the activity cannot retry (a missing revision, a forbidden patch): phase Degraded
   * until someone fixes the cause and signals {@code retry}, or a new revision or a rollback
   * arrives.
   */
  private void degraded(String reason, String message) {
    String advice =
        message
            + "; fix the cause, then: temporal workflow signal --workflow-id "
            + input.workflowId()
            + " --name retry";
    log().warn("degraded: {}: {}", reason, message);
    setPhase("Degraded", reason, advice);
    recorder.warning("RolloutDegraded", advice);
    Workflow.await(() -> retried != null || superseding != null || rollbackWanted != null);
    if (retried != null) {
      log().info("retry requested by {}", retried.describe());
      recorder.normal("RolloutRetried", "Retried by " + retried.describe());
      retried = null;
      setPhase(progressingPhase(), "Retried", "Rolling out revision " + input.revision());
    }
  }

  /** Every device runs the revision and is available: a rollout completes, a rollback waits. */
  private FleetCounts finish() {
    if (rollingBack() && !revertedToStable) {
      String message =
          "Rolled back to revision "
              + input.revision()
              + ": all "
              + counts.total()
              + " devices run it ("
              + carried.rollbackBy().describe()
              + ")";
      log().info("{}", message);
      recorder.normal("RolledBack", message);
      setPhase("Aborted", carried.abort() ? "Aborted" : "RolledBack", message);
      waitAfterAbort(abandoned);
    }
    String message = "All " + counts.total() + " devices run revision " + input.revision();
    setPhase("Complete", "RolloutComplete", message);
    log().info("rollout complete, {} devices", counts.total());
    recorder.normal("RolloutComplete", message);
    if (superseding != null) {
      // a new revision arrived while the end was being recorded: finishing would lose it
      supersede();
    }
    return counts;
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
          () ->
              retried != null || superseding != null || rollbackWanted != null || revertedToStable);
      if (superseding != null) {
        supersede();
      }
      if (revertedToStable) {
        return;
      }
      if (retried != null) {
        LOG.info(
            "dpd {}/{} rev {}: rollout retried by {}",
            input.namespace(),
            input.deployment(),
            left.revision(),
            retried.describe());
        recorder.normal(
            "RolloutRetried",
            "Rollout of revision " + left.revision() + " retried by " + retried.describe());
        Workflow.continueAsNew(left, RolloutState.FRESH);
      }
      beginRollback();
    }
  }

  /**
   * Starts the rollback asked for: a run of its own that moves every device not at the revision
   * back to it through the window, no steps, no gate. Without a revision to return to, an abort
   * ends the rollout where it stands and a rollback is refused.
   */
  private void beginRollback() {
    PendingRollback wanted = rollbackWanted;
    rollbackWanted = null;
    RolloutInput from = rollingBack() ? abandoned : input;
    String to = wanted.revision() != null ? wanted.revision() : from.stableRevision();
    if (to != null && to.equals(from.revision())) {
      log()
          .warn(
              "rollback to rev {} asked by {} ignored: that is the revision being" + " rolled out",
              to,
              wanted.by().describe());
      return;
    }
    if (to == null || to.isBlank()) {
      String message =
          (wanted.abort() ? "Aborted by " : "Rollback asked by ")
              + wanted.by().describe()
              + ": there is no stable revision to return to (no earlier revision completed on the"
              + " whole fleet); devices stay where they are";
      log().warn("{}", message);
      recorder.warning(wanted.abort() ? "RolloutAborted" : "RollbackRefused", message);
      if (wanted.abort()) {
        setPhase("Aborted", "Aborted", message);
        waitAfterAbort(from);
      }
      return;
    }
    if (rollingBack() && to.equals(input.revision())) {
      return;
    }
    LOG.info(
        "dpd {}/{} rev {}: rollback to rev {} asked by {}",
        input.namespace(),
        input.deployment(),
        from.revision(),
        to,
        wanted.by().describe());
    Workflow.continueAsNew(
        from.withRevision(to).withPaused(heldBySpec),
        RolloutState.rollingBack(from, wanted.by(), wanted.abort()));
  }

  private void supersede() {
    log().info("superseded by rev {}", superseding.revision());
    recorder.normal(
        "RolloutSuperseded",
        "Revision " + input.revision() + " superseded by " + superseding.revision());
    Workflow.continueAsNew(superseding, RolloutState.FRESH);
  }

  /**
   * Devices baking for minReadySeconds turn available by time alone, with no status change to
   * signal it: with a bake time, look at the fleet at least twice per bake.
   */
  private Duration pollInterval() {
    int bake = input.bakeSeconds();
    if (bake <= 0) {
      return POLL_INTERVAL;
    }
    Duration half = Duration.ofSeconds(Math.max(1, bake / 2));
    return half.compareTo(POLL_INTERVAL) < 0 ? half : POLL_INTERVAL;
  }

  private boolean paused() {
    return heldBySpec || pausedBy != null;
  }

  private boolean rollingBack() {
    return abandoned != null;
  }

  private String progressingPhase() {
    return rollingBack() ? "RollingBack" : "Progressing";
  }

  private String rollbackReason() {
    if (carried.abort()) {
      return "Aborted";
    }
    return GATE.equals(carried.rollbackBy().requestedBy())
        ? "FailureBudgetExceeded"
        : "RollbackRequested";
  }

  private String pauseReason() {
    if (heldBySpec) {
      return "SpecPaused";
    }
    return switch (pausedBy.requestedBy() == null ? "" : pausedBy.requestedBy()) {
      case GATE -> "FailureBudgetExceeded";
      case STEP -> "StepPause";
      default -> "PausedBySignal";
    };
  }

  /** Moves nothing until neither spec.paused nor a pause holds the rollout. */
  private void holdWhilePaused() {
    String holder = heldBySpec ? "spec.paused" : pausedBy.describe();
    setPhase("Paused", pauseReason(), "Paused by " + holder);
    log().info("paused by {}", holder);
    recorder.warning("RolloutPaused", "Paused by " + holder);
    Workflow.await(() -> !paused() || superseding != null || rollbackWanted != null);
    if (superseding == null && rollbackWanted == null) {
      recorder.normal(
          "RolloutResumed",
          (rollingBack() ? "Rollback to revision " : "Rollout of revision ")
              + input.revision()
              + " resumed"
              + (resumedBy == null ? " (spec.paused removed)" : " by " + resumedBy.describe()));
      resumedBy = null;
      setPhase(progressingPhase(), "RolloutResumed", "Rolling out revision " + input.revision());
      log().info("resumed");
    }
  }

  @Override
  public void target(RolloutInput next) {
    if (input == null) {
      signalledBeforeStart = next;
    } else if (rollingBack() && next.revision().equals(abandoned.revision())) {
      // the deployment still asks for the revision this rollback left: stay rolled back
      abandoned = next;
      heldBySpec = next.held();
    } else if (next.revision().equals(input.revision())) {
      revertedToStable = rollingBack();
      input = rollingBack() ? input.withPaused(next.held()) : next;
      heldBySpec = next.held();
    } else {
      superseding = next;
    }
  }

  @Override
  public void pause(ControlRequest request) {
    if (pausedBy == null) {
      pausedBy = request;
    }
  }

  @Override
  public void resume(ControlRequest request) {
    if (pausedBy != null && input != null) {
      log().info("resume requested by {}", request.describe());
      pausedBy = null;
      resumedBy = request;
      acceptedFailures = counts.failed();
    }
  }

  @Override
  public void abort(ControlRequest request) {
    if (input != null) {
      log().info("abort requested by {}", request.describe());
      rollbackWanted = new PendingRollback(null, request, true);
    }
  }

  @Override
  public void rollback(RollbackRequest request) {
    if (input != null) {
      log()
          .info(
              "rollback to {} requested by {}",
              request.revision() == null ? "the stable revision" : "rev " + request.revision(),
              request.asControl().describe());
      rollbackWanted = new PendingRollback(request.revision(), request.asControl(), false);
    }
  }

  @Override
  public void promote(ControlRequest request) {
    if (input == null) {
      return;
    }
    log().info("promote requested by {}", request.describe());
    if (pausedBy != null) {
      resume(request);
    } else if (currentStep() != null) {
      promoted = request;
    }
  }

  @Override
  public void retry(ControlRequest request) {
    if (input == null) {
      return;
    }
    if ("Degraded".equals(phase) || "Aborted".equals(phase)) {
      retried = request;
    } else {
      log().info("retry by {} ignored: nothing to retry in phase {}", request.describe(), phase);
    }
  }

  @Override
  public void validateResumeRollout(ControlRequest request) {
    if (heldBySpec) {
      throw new IllegalStateException(
          "the rollout is held by spec.paused: kubectl patch dpd "
              + input.deployment()
              + " -n "
              + input.namespace()
              + " --type merge -p '{\"spec\":{\"paused\":false}}'");
    }
    if (pausedBy == null) {
      throw new IllegalStateException("the rollout is not paused (phase " + phase + ")");
    }
  }

  @Override
  public String resumeRollout(ControlRequest request) {
    resume(request);
    return progressingPhase();
  }

  @Override
  public PlanSummary previewPlan() {
    return fleet.previewPlan(input);
  }

  @Override
  public void fleetChanged(FleetCounts fleet) {
    counts = fleet;
    fleetChanged = true;
  }

  @Override
  public RolloutProgress progress() {
    String heldBy = heldBySpec ? "spec.paused" : pausedBy == null ? null : pausedBy.describe();
    return new RolloutProgress(
        phase,
        input == null ? "" : input.revision(),
        counts,
        window,
        batches,
        devicesMoved,
        heldBy,
        step,
        failed,
        abandoned == null ? null : abandoned.revision());
  }

  /** The index of the canary step in force (the step count once past them); null without steps. */
  private Integer stepInForce() {
    return input.canarySteps().isEmpty() || rollingBack() ? null : step;
  }

  private RolloutLog log() {
    return new RolloutLog(LOG, input);
  }

  private RolloutState carry() {
    return new RolloutState(
        step, acceptedFailures, pausedBy, abandoned, carried.rollbackBy(), carried.aborted(), true);
  }

  /**
   * One RolloutProgress event per tenth of the fleet updated (and at the end), not per batch, so a
   * large fleet's events stay readable, as in the seed's "Updated 50/100 devices".
   */
  private void progressEvent() {
    if (rollingBack()) {
      return; // every device already at the stable revision counts: "updated" would mislead
    }
    int tenth = counts.total() == 0 ? 10 : counts.updated() * 10 / counts.total();
    if (tenth > progressReported) {
      progressReported = tenth;
      recorder.normal(
          "RolloutProgress", "Updated " + counts.updated() + "/" + counts.total() + " devices");
    }
  }

  private void setPhase(String next, String reason, String message) {
    phase = next;
    Workflow.upsertTypedSearchAttributes(PHASE.valueSet(next));
    recorder.phase(next, reason, message, stepInForce());
    describeRun();
  }

  /** The run's one-line summary in the Temporal UI (current details; no history event). */
  private void describeRun() {
    String what =
        rollingBack()
            ? "Rolling " + input.deployment() + " back to " + input.revision()
            : "Rolling " + input.deployment() + " out to " + input.revision();
    String steps =
        input.canarySteps().isEmpty() || rollingBack()
            ? ""
            : ", step "
                + Math.min(step + 1, input.canarySteps().size())
                + "/"
                + input.canarySteps().size();
    Workflow.setCurrentDetails(
        "**"
            + phase
            + "**: "
            + what
            + " in "
            + input.namespace()
            + ": "
            + counts.updated()
            + "/"
            + counts.total()
            + " updated, "
            + counts.updatedAvailable()
            + " available, "
            + counts.failed()
            + " failed"
            + steps);
  }
}
