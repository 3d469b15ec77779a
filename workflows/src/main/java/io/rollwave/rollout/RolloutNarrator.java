package io.rollwave.rollout;

import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.rollout.BatchResult;
import io.rollwave.api.rollout.CanaryStep;
import io.rollwave.api.rollout.ControlOutcome;
import io.rollwave.api.rollout.ControlRequest;
import io.rollwave.api.rollout.FailedDevice;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.RolloutInput;
import io.temporal.common.SearchAttributeKey;
import io.temporal.workflow.Workflow;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Tells what a rollout run does, in every place people look: its log, Kubernetes events and {@code
 * status.rollout} (through {@link RolloutRecorder}), its search attributes and its one-line summary
 * in the Temporal UI. Decides nothing; the order of its calls is part of the run's history.
 */
final class RolloutNarrator {
  static final SearchAttributeKey<String> DEPLOYMENT =
      SearchAttributeKey.forKeyword("RolloutDeployment");
  static final SearchAttributeKey<String> REVISION =
      SearchAttributeKey.forKeyword("RolloutRevision");
  static final SearchAttributeKey<String> PHASE = SearchAttributeKey.forKeyword("RolloutPhase");
  static final SearchAttributeKey<Long> TOTAL = SearchAttributeKey.forLong("RolloutDevicesTotal");
  static final SearchAttributeKey<Long> UPDATED =
      SearchAttributeKey.forLong("RolloutDevicesUpdated");
  static final SearchAttributeKey<Long> FAILED = SearchAttributeKey.forLong("RolloutDevicesFailed");

  /**
   * The device-count search attributes came after runs were recorded; older ones replay without.
   */
  static final String COUNT_ATTRIBUTES_CHANGE = "count-search-attributes";

  /** At most this many DeviceUnhealthy events per run, so a fleet-wide failure stays readable. */
  static final int DEVICE_EVENTS_PER_RUN = 20;

  private static final Logger LOG = Workflow.getLogger(RolloutWorkflowImpl.class);

  private final RolloutRecorder recorder;
  private final Set<String> unhealthyReported = new HashSet<>();

  /** The last tenth of the fleet a RolloutProgress event was recorded for. */
  private int progressReported;

  private final boolean countsOn;

  /** The counts last written to the search attributes; null before the first. */
  private FleetCounts countsShown;

  /** Why the rollout is Degraded, for its details; null when it is not. */
  private String problem;

  RolloutNarrator(RolloutInput input) {
    this.recorder = new RolloutRecorder(input);
    this.countsOn = Workflow.getVersion(COUNT_ATTRIBUTES_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  RolloutLog log(RunState s) {
    return new RolloutLog(LOG, s.input());
  }

  /** The run's search attributes and summary; a run that does not carry on announces itself. */
  void begin(RunState s) {
    RolloutInput in = s.input();
    if (countsOn) {
      countsShown = s.counts();
      Workflow.upsertTypedSearchAttributes(
          DEPLOYMENT.valueSet(in.namespace() + "/" + in.deployment()),
          REVISION.valueSet(in.revision()),
          PHASE.valueSet(s.phase().name()),
          TOTAL.valueSet((long) s.counts().total()),
          UPDATED.valueSet((long) s.counts().updated()),
          FAILED.valueSet((long) s.counts().failed()));
    } else {
      Workflow.upsertTypedSearchAttributes(
          DEPLOYMENT.valueSet(in.namespace() + "/" + in.deployment()),
          REVISION.valueSet(in.revision()),
          PHASE.valueSet(s.phase().name()));
    }
    describe(s);
    if (s.carried().carriesOn()) {
      return;
    }
    if (s.rollingBack()) {
      String message =
          "Rolling back from revision "
              + s.abandoned().revision()
              + " to "
              + in.revision()
              + ": "
              + s.carried().rollbackBy().describe();
      log(s).info("{}", message);
      recorder.warning("RollingBack", message);
      report(s, RolloutTransitions.rollbackReason(s.carried()), message);
      return;
    }
    log(s).info("rollout started");
    recorder.normal("RolloutStarted", "Starting rollout of revision " + in.revision());
    report(s, "RolloutInProgress", rollingOut(s));
  }

  /** The phase {@code s} is in, with why: search attribute, status.rollout and summary. */
  void phase(RunState s, String reason, String message) {
    if (s.phase() != RolloutPhase.Degraded) {
      problem = null;
    }
    Workflow.upsertTypedSearchAttributes(PHASE.valueSet(s.phase().name()));
    report(s, reason, message);
  }

  private void report(RunState s, String reason, String message) {
    recorder.phase(s.phase(), reason, message, s.stepInForce());
    describe(s);
  }

  void batch(RunState s, BatchResult batch) {
    FleetCounts counts = s.counts();
    if (batch.moved() > 0) {
      log(s)
          .info(
              "batch {} moved {} devices ({} of {} updated)",
              s.batches(),
              batch.moved(),
              counts.updated(),
              counts.total());
      progress(s);
    }
    for (FailedDevice device : s.failed()) {
      if (unhealthyReported.size() < DEVICE_EVENTS_PER_RUN
          && unhealthyReported.add(device.name())) {
        recorder.warning(
            "DeviceUnhealthy",
            "Device "
                + device.name()
                + " failed at revision "
                + s.input().revision()
                + (device.reason() == null ? "" : ": " + device.reason()));
      }
    }
    counts(s);
    describe(s);
  }

  /** The device counts in the search attributes: once per batch at most, and only on a change. */
  private void counts(RunState s) {
    FleetCounts counts = s.counts();
    if (!countsOn
        || (countsShown != null
            && countsShown.total() == counts.total()
            && countsShown.updated() == counts.updated()
            && countsShown.failed() == counts.failed())) {
      return;
    }
    countsShown = counts;
    Workflow.upsertTypedSearchAttributes(
        TOTAL.valueSet((long) counts.total()),
        UPDATED.valueSet((long) counts.updated()),
        FAILED.valueSet((long) counts.failed()));
  }

  /**
   * One RolloutProgress event per tenth of the fleet updated (and at the end), not per batch, so a
   * large fleet's events stay readable, as in the seed's "Updated 50/100 devices".
   */
  private void progress(RunState s) {
    if (s.rollingBack()) {
      return; // every device already at the stable revision counts: "updated" would mislead
    }
    FleetCounts counts = s.counts();
    int tenth = counts.total() == 0 ? 10 : counts.updated() * 10 / counts.total();
    if (tenth > progressReported) {
      progressReported = tenth;
      recorder.normal(
          "RolloutProgress", "Updated " + counts.updated() + "/" + counts.total() + " devices");
    }
  }

  void budgetUnreadable(RunState s, String problem) {
    log(s)
        .warn(
            "failurePolicy.maxFailures {}: {}; no failures tolerated",
            s.input().failureBudget(),
            problem);
  }

  /** {@code s} is paused: by spec.paused, a person, the gate or an open canary pause. */
  void paused(RunState s) {
    String holder = s.progress().pausedBy();
    phase(s, RolloutTransitions.pauseReason(s), "Paused by " + holder);
    log(s).info("paused by {}", holder);
    recorder.warning("RolloutPaused", "Paused by " + holder);
  }

  void resumed(RunState s, ControlRequest by) {
    recorder.normal(
        "RolloutResumed",
        (s.rollingBack() ? "Rollback to revision " : "Rollout of revision ")
            + s.input().revision()
            + " resumed"
            + (by == null ? " (spec.paused removed)" : " by " + by.describe()));
  }

  void stepPaused(RunState s, CanaryStep current) {
    String message = stepName(s) + ": pausing " + current.pauseSeconds() + "s (promote to skip)";
    phase(s, "StepPause", message);
    recorder.normal("RolloutStepPaused", message);
  }

  /** The step of {@code before} passed ({@code how}); {@code after} is at the next one. */
  void stepPassed(RunState before, RunState after, String how) {
    FleetCounts counts = before.counts();
    String message =
        stepName(before)
            + " ("
            + before.input().canarySteps().get(before.step()).describe()
            + ") "
            + how
            + ": "
            + counts.updated()
            + "/"
            + counts.total()
            + " devices at revision "
            + before.input().revision();
    log(before).info("{}", message);
    recorder.normal("RolloutStep", message);
    report(after, "CanaryStep", message);
  }

  private static String stepName(RunState s) {
    return "Step " + (s.step() + 1) + " of " + s.input().canarySteps().size();
  }

  /** A failure the activity cannot retry; says how to retry once the cause is fixed. */
  void degraded(RunState s, String reason, String message) {
    String advice =
        message
            + "; fix the cause, then: temporal workflow update execute --workflow-id "
            + s.input().workflowId()
            + " --name retryRollout --input '{\"requestedBy\":\"you\"}'";
    log(s).warn("degraded: {}: {}", reason, message);
    problem = reason + ": " + advice;
    phase(s, reason, advice);
    recorder.warning("RolloutDegraded", advice);
  }

  void retried(RunState s, ControlRequest by) {
    log(s).info("retry requested by {}", by.describe());
    recorder.normal("RolloutRetried", "Retried by " + by.describe());
  }

  /** The rollout of {@code left} starts again from the beginning, asked by {@code by}. */
  void restarted(RunState s, RolloutInput left, ControlRequest by) {
    LOG.info(
        "dpd {}/{} rev {}: rollout retried by {}",
        s.input().namespace(),
        s.input().deployment(),
        left.revision(),
        by.describe());
    recorder.normal(
        "RolloutRetried",
        "Rollout of revision " + left.revision() + " retried by " + by.describe());
  }

  /** Returns the message for the phase that follows. */
  String rolledBack(RunState s) {
    String message =
        "Rolled back to revision "
            + s.input().revision()
            + ": all "
            + s.counts().total()
            + " devices run it ("
            + s.carried().rollbackBy().describe()
            + ")";
    log(s).info("{}", message);
    recorder.normal("RolledBack", message);
    return message;
  }

  void complete(RunState s) {
    String message = "All " + s.counts().total() + " devices run revision " + s.input().revision();
    phase(s, "RolloutComplete", message);
    log(s).info("rollout complete, {} devices", s.counts().total());
    recorder.normal("RolloutComplete", message);
  }

  void superseded(RunState s) {
    log(s).info("superseded by rev {}", s.superseding().revision());
    recorder.normal(
        "RolloutSuperseded",
        "Revision " + s.input().revision() + " superseded by " + s.superseding().revision());
  }

  void rollbackIgnored(RunState s, RollbackPlan plan) {
    log(s)
        .warn(
            "rollback to rev {} asked by {} ignored: that is the revision being rolled out",
            plan.to(),
            plan.wanted().by().describe());
  }

  /** Returns the message for the phase that follows an abort. */
  String rollbackRefused(RunState s, RollbackPlan plan) {
    boolean abort = plan.wanted().abort();
    String message =
        (abort ? "Aborted by " : "Rollback asked by ")
            + plan.wanted().by().describe()
            + ": there is no stable revision to return to (no earlier revision completed on the"
            + " whole fleet); devices stay where they are";
    log(s).warn("{}", message);
    recorder.warning(abort ? "RolloutAborted" : "RollbackRefused", message);
    return message;
  }

  void rollbackStarts(RunState s, RollbackPlan plan) {
    LOG.info(
        "dpd {}/{} rev {}: rollback to rev {} asked by {}",
        s.input().namespace(),
        s.input().deployment(),
        plan.from().revision(),
        plan.to(),
        plan.wanted().by().describe());
  }

  /** The run was cancelled: what stays where, and how to start again. */
  void cancelled(RunState s) {
    String message =
        "Rollout of revision "
            + s.input().revision()
            + " cancelled in Temporal: no device moves any more and none is rolled back ("
            + s.counts().updated()
            + "/"
            + s.counts().total()
            + " devices at it); change the template to start a new rollout";
    log(s).warn("{}", message);
    phase(s, "Cancelled", message);
    recorder.warning("RolloutCancelled", message);
  }

  /** A person's control was accepted: who, why and what it changed, in the log and an event. */
  void controlled(RunState s, String reason, ControlRequest by, ControlOutcome outcome) {
    log(s).info("{} by {}: {}", outcome.action(), by.describe(), outcome.message());
    recorder.normal(reason, outcome.action() + " by " + by.describe() + ": " + outcome.message());
  }

  static String rollingOut(RunState s) {
    return "Rolling out revision " + s.input().revision();
  }

  /** The run's one-line summary in the Temporal UI (current details; no history event). */
  void describe(RunState s) {
    Workflow.setCurrentDetails(RolloutSummary.of(s, problem));
  }
}
