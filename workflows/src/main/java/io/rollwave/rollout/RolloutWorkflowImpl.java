package io.rollwave.rollout;

import io.rollwave.api.rollout.BatchResult;
import io.rollwave.api.rollout.ControlRequest;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.RolloutEvent;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.api.rollout.RolloutPhaseReport;
import io.rollwave.api.rollout.RolloutProgress;
import io.rollwave.rollout.plan.IntOrPercent;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * The window loop: move the next batch, wait until status changes (or a poll interval passes),
 * repeat until every device runs the revision and is available. History grows with batches and
 * signals, never with devices; the run continues as new before it grows large.
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

  /** Kubernetes events came in after runs were recorded; older histories replay without them. */
  static final String EVENTS_CHANGE = "kubernetes-events";

  /** Phase reports into the deployment's status came after events; older runs replay without. */
  static final String PHASE_REPORTS_CHANGE = "dpd-rollout-phase";

  private final FleetActivities events =
      Workflow.newActivityStub(
          FleetActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
              .build());

  private boolean eventsOn;
  private boolean phaseReportsOn;
  private RolloutInput input;

  /** A target signalled before run() began (signal-with-start delivers the signal first). */
  private RolloutInput signalledBeforeStart;

  private RolloutInput superseding;
  private FleetCounts counts = FleetCounts.EMPTY;
  private String phase = "Progressing";
  private int window;
  private int batches;
  private int devicesMoved;
  private boolean fleetChanged;
  private boolean heldBySpec;
  private ControlRequest pausedBy;

  /** Failed devices already seen when someone resumed: the gate counts failures beyond them. */
  private int acceptedFailures;

  /** The last tenth of the fleet a RolloutProgress event was recorded for. */
  private int progressReported;

  @Override
  public FleetCounts run(RolloutInput input) {
    this.input = input;
    this.eventsOn = Workflow.getVersion(EVENTS_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1;
    this.phaseReportsOn =
        Workflow.getVersion(PHASE_REPORTS_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1;
    this.heldBySpec = input.held();
    if (signalledBeforeStart != null) {
      target(signalledBeforeStart);
    }
    Workflow.upsertTypedSearchAttributes(
        DEPLOYMENT.valueSet(input.namespace() + "/" + input.deployment()),
        REVISION.valueSet(input.revision()),
        PHASE.valueSet(phase));
    LOG.info(
        "dpd {}/{} rev {}: rollout started",
        input.namespace(),
        input.deployment(),
        input.revision());
    event(
        RolloutEvent.NORMAL, "RolloutStarted", "Starting rollout of revision " + input.revision());
    reportPhase("RolloutInProgress", "Rolling out revision " + input.revision());
    while (true) {
      if (superseding != null) {
        LOG.info(
            "dpd {}/{} rev {}: superseded by rev {}",
            input.namespace(),
            input.deployment(),
            input.revision(),
            superseding.revision());
        event(
            RolloutEvent.NORMAL,
            "RolloutSuperseded",
            "Revision " + input.revision() + " superseded by " + superseding.revision());
        Workflow.continueAsNew(superseding);
      }
      if (paused()) {
        holdWhilePaused();
        continue;
      }
      fleetChanged = false;
      BatchResult batch = fleet.moveNextBatch(input);
      batches++;
      devicesMoved += batch.moved();
      window = batch.window();
      counts = batch.fleet();
      if (batch.moved() > 0) {
        LOG.info(
            "dpd {}/{} rev {}: batch {} moved {} devices ({} of {} updated)",
            input.namespace(),
            input.deployment(),
            input.revision(),
            batches,
            batch.moved(),
            counts.updated(),
            counts.total());
        progressEvent();
      }
      if (pausedBy == null && failureBudgetExceeded()) {
        continue;
      }
      if (counts.complete() && superseding == null) {
        setPhase(
            "Complete",
            "RolloutComplete",
            "All " + counts.total() + " devices run revision " + input.revision());
        LOG.info(
            "dpd {}/{} rev {}: rollout complete, {} devices",
            input.namespace(),
            input.deployment(),
            input.revision(),
            counts.total());
        event(
            RolloutEvent.NORMAL,
            "RolloutComplete",
            "All " + counts.total() + " devices run revision " + input.revision());
        return counts;
      }
      if (batches >= BATCHES_PER_RUN || Workflow.getInfo().isContinueAsNewSuggested()) {
        Workflow.continueAsNew(superseding != null ? superseding : input);
      }
      Workflow.await(pollInterval(), () -> fleetChanged || superseding != null || paused());
    }
  }

  /**
   * The health gate: more devices failed at this revision than {@code failurePolicy.maxFailures}
   * allows (of the devices moved, rounded down) pauses the rollout. Rollback is not built yet, so
   * that action pauses too and says so.
   */
  private boolean failureBudgetExceeded() {
    int budget;
    try {
      budget = IntOrPercent.parse(input.failureBudget()).scaledTo(counts.updated(), false);
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "dpd {}/{} rev {}: failurePolicy.maxFailures {}: {}; no failures tolerated",
          input.namespace(),
          input.deployment(),
          input.revision(),
          input.failureBudget(),
          e.getMessage());
      budget = 0;
    }
    if (counts.failed() <= budget + acceptedFailures) {
      return false;
    }
    String why =
        counts.failed()
            + " devices failed at revision "
            + input.revision()
            + ", more than maxFailures "
            + input.failureBudget()
            + ("Rollback".equals(input.failureAction())
                ? "; failurePolicy.action Rollback is not built yet, so the rollout paused instead"
                : "");
    pausedBy = new ControlRequest("failure-gate", why);
    return true;
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

  /** Moves nothing until neither spec.paused nor a pause signal holds the rollout. */
  private void holdWhilePaused() {
    String holder = heldBySpec ? "spec.paused" : pausedBy.describe();
    setPhase(
        "Paused",
        heldBySpec
            ? "SpecPaused"
            : "failure-gate".equals(pausedBy.requestedBy())
                ? "FailureBudgetExceeded"
                : "PausedBySignal",
        "Paused by " + holder);
    LOG.info(
        "dpd {}/{} rev {}: paused by {}",
        input.namespace(),
        input.deployment(),
        input.revision(),
        heldBySpec ? "spec.paused" : pausedBy.describe());
    event(
        RolloutEvent.WARNING,
        "RolloutPaused",
        "Paused by " + (heldBySpec ? "spec.paused" : pausedBy.describe()));
    Workflow.await(() -> !paused() || superseding != null);
    if (superseding == null) {
      event(
          RolloutEvent.NORMAL,
          "RolloutResumed",
          "Rollout of revision " + input.revision() + " resumed");
      setPhase("Progressing", "RolloutResumed", "Rolling out revision " + input.revision());
      LOG.info(
          "dpd {}/{} rev {}: resumed", input.namespace(), input.deployment(), input.revision());
    }
  }

  @Override
  public void target(RolloutInput next) {
    if (input == null) {
      signalledBeforeStart = next;
    } else if (!next.revision().equals(input.revision())) {
      superseding = next;
    } else {
      heldBySpec = next.held();
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
      LOG.info(
          "dpd {}/{} rev {}: resume requested by {}",
          input.namespace(),
          input.deployment(),
          input.revision(),
          request.describe());
      pausedBy = null;
      acceptedFailures = counts.failed();
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
    return "Progressing";
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
        heldBy);
  }

  /**
   * One RolloutProgress event per tenth of the fleet updated (and at the end), not per batch, so a
   * large fleet's events stay readable, as in the seed's "Updated 50/100 devices".
   */
  private void progressEvent() {
    int tenth = counts.total() == 0 ? 10 : counts.updated() * 10 / counts.total();
    if (tenth > progressReported) {
      progressReported = tenth;
      event(
          RolloutEvent.NORMAL,
          "RolloutProgress",
          "Updated " + counts.updated() + "/" + counts.total() + " devices");
    }
  }

  /** Best effort: an event that cannot be recorded is logged and the rollout goes on. */
  private void event(String type, String reason, String message) {
    if (!eventsOn) {
      return;
    }
    try {
      events.recordEvent(
          new RolloutEvent(input.namespace(), input.deployment(), type, reason, message));
    } catch (ActivityFailure e) {
      LOG.warn(
          "dpd {}/{} rev {}: event {} not recorded: {}",
          input.namespace(),
          input.deployment(),
          input.revision(),
          reason,
          e.getMessage());
    }
  }

  private void setPhase(String next, String reason, String message) {
    phase = next;
    Workflow.upsertTypedSearchAttributes(PHASE.valueSet(next));
    reportPhase(reason, message);
  }

  /** Best effort, as events are: the deployment's status.rollout follows the workflow's phase. */
  private void reportPhase(String reason, String message) {
    if (!phaseReportsOn) {
      return;
    }
    try {
      events.reportPhase(
          new RolloutPhaseReport(
              input.namespace(),
              input.deployment(),
              phase,
              reason,
              message,
              Workflow.getInfo().getRunId()));
    } catch (ActivityFailure e) {
      LOG.warn(
          "dpd {}/{} rev {}: phase {} not written to the deployment: {}",
          input.namespace(),
          input.deployment(),
          input.revision(),
          phase,
          e.getMessage());
    }
  }
}
