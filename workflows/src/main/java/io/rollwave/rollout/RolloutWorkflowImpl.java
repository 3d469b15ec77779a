package io.rollwave.rollout;

import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.rollout.ControlRequest;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.PlanSummary;
import io.rollwave.api.rollout.RollbackRequest;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.api.rollout.RolloutProgress;
import io.rollwave.api.rollout.RolloutState;
import io.temporal.workflow.Workflow;
import java.util.List;

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
    return loop.toCompletion();
  }

  @Override
  public void target(RolloutInput next) {
    if (loop == null) {
      earlyTarget = next;
    } else {
      loop.update(s -> RolloutTransitions.target(s, next));
    }
  }

  @Override
  public void fleetChanged(FleetCounts counts) {
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
  public void validateResumeRollout(ControlRequest request) {
    String refusal =
        loop == null
            ? "the rollout is not paused (phase Progressing)"
            : RolloutTransitions.resumeRefusal(loop.state());
    if (refusal != null) {
      throw new IllegalStateException(refusal);
    }
  }

  @Override
  public String resumeRollout(ControlRequest request) {
    resume(request);
    return loop == null ? RolloutPhase.Progressing.name() : loop.state().progressingPhase().name();
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
