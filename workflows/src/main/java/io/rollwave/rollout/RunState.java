package io.rollwave.rollout;

import io.rollwave.api.deployment.RolloutPhase;
import io.rollwave.api.rollout.CanaryStep;
import io.rollwave.api.rollout.ControlRequest;
import io.rollwave.api.rollout.FailedDevice;
import io.rollwave.api.rollout.FleetCounts;
import io.rollwave.api.rollout.RolloutInput;
import io.rollwave.api.rollout.RolloutProgress;
import io.rollwave.api.rollout.RolloutState;
import java.util.List;

/**
 * Everything one rollout run knows, as one value: its target and what it carried from the run
 * before ({@code carried}; {@link #carry()} is what it hands to the next), the requests signalled
 * and not yet acted on, the fleet as last seen, and where it stands. {@link RolloutTransitions}
 * makes the next value; the workflow only holds the current one.
 *
 * @param abandoned during a rollback: the rollout it left, which {@code retry} starts again
 * @param revertedToStable during a rollback: the template went back to this run's revision
 * @param openPauseTaken the step whose open pause has held the rollout; -1 for none
 * @param acceptedFailures failed devices already seen when someone resumed: the gate counts beyond
 * @param fleetChanged a status signal arrived since the last batch
 * @param promotedFull a promote asked to skip every remaining canary step, not only the current
 */
record RunState(
    RolloutInput input,
    RolloutState carried,
    RolloutPhase phase,
    FleetCounts counts,
    List<FailedDevice> failed,
    int window,
    int batches,
    int devicesMoved,
    int step,
    int openPauseTaken,
    int acceptedFailures,
    boolean heldBySpec,
    ControlRequest pausedBy,
    ControlRequest resumedBy,
    ControlRequest promoted,
    ControlRequest retried,
    PendingRollback rollbackWanted,
    RolloutInput superseding,
    RolloutInput abandoned,
    boolean revertedToStable,
    boolean fleetChanged,
    boolean promotedFull) {

  /** A rollback asked for (by a signal or the gate) and not yet begun; no revision: the stable. */
  record PendingRollback(String revision, ControlRequest by, boolean abort) {}

  boolean rollingBack() {
    return abandoned != null;
  }

  boolean paused() {
    return heldBySpec || pausedBy != null;
  }

  /** A new revision or a rollback waits: whatever the run is waiting for, it stops waiting. */
  boolean interrupted() {
    return superseding != null || rollbackWanted != null;
  }

  /**
   * Something the rollout waits for happened: status, a new revision, a rollback, a promote, a
   * pause.
   */
  boolean hasNews() {
    return fleetChanged || interrupted() || promoted != null || paused();
  }

  RolloutPhase progressingPhase() {
    return rollingBack() ? RolloutPhase.RollingBack : RolloutPhase.Progressing;
  }

  /** The canary step in force, or null past the steps, in a rollback or with Recreate. */
  CanaryStep currentStep() {
    if (rollingBack() || input.recreate() || step >= input.canarySteps().size()) {
      return null;
    }
    return input.canarySteps().get(step);
  }

  /** The index of the canary step in force (the step count once past them); null without steps. */
  Integer stepInForce() {
    return input.canarySteps().isEmpty() || rollingBack() ? null : step;
  }

  /** What the next run of the same target carries on with. */
  RolloutState carry() {
    return new RolloutState(
        step, acceptedFailures, pausedBy, abandoned, carried.rollbackBy(), carried.aborted(), true);
  }

  /** The answer to the {@code progress} query. */
  RolloutProgress progress() {
    String heldBy = heldBySpec ? "spec.paused" : pausedBy == null ? null : pausedBy.describe();
    return new RolloutProgress(
        phase.name(),
        input.revision(),
        counts,
        window,
        batches,
        devicesMoved,
        heldBy,
        step,
        failed,
        abandoned == null ? null : abandoned.revision());
  }

  RunState withPhase(RolloutPhase next) {
    return edit().phase(next).done();
  }

  Edit edit() {
    return new Edit(this);
  }

  /** A copy being changed; {@link #done()} makes the new value. */
  static final class Edit {
    private final RunState s;
    private RolloutInput input;
    private RolloutPhase phase;
    private FleetCounts counts;
    private List<FailedDevice> failed;
    private int window;
    private int batches;
    private int devicesMoved;
    private int step;
    private int openPauseTaken;
    private int acceptedFailures;
    private boolean heldBySpec;
    private ControlRequest pausedBy;
    private ControlRequest resumedBy;
    private ControlRequest promoted;
    private ControlRequest retried;
    private PendingRollback rollbackWanted;
    private RolloutInput superseding;
    private RolloutInput abandoned;
    private boolean revertedToStable;
    private boolean fleetChanged;
    private boolean promotedFull;

    private Edit(RunState s) {
      this.s = s;
      input = s.input;
      phase = s.phase;
      counts = s.counts;
      failed = s.failed;
      window = s.window;
      batches = s.batches;
      devicesMoved = s.devicesMoved;
      step = s.step;
      openPauseTaken = s.openPauseTaken;
      acceptedFailures = s.acceptedFailures;
      heldBySpec = s.heldBySpec;
      pausedBy = s.pausedBy;
      resumedBy = s.resumedBy;
      promoted = s.promoted;
      retried = s.retried;
      rollbackWanted = s.rollbackWanted;
      superseding = s.superseding;
      abandoned = s.abandoned;
      revertedToStable = s.revertedToStable;
      fleetChanged = s.fleetChanged;
      promotedFull = s.promotedFull;
    }

    Edit input(RolloutInput v) {
      input = v;
      return this;
    }

    Edit phase(RolloutPhase v) {
      phase = v;
      return this;
    }

    Edit fleet(FleetCounts v, boolean changed) {
      counts = v;
      fleetChanged = changed;
      return this;
    }

    Edit batch(int moved, int newWindow, List<FailedDevice> newFailed) {
      batches++;
      devicesMoved += moved;
      window = newWindow;
      failed = newFailed;
      return this;
    }

    Edit step(int v) {
      step = v;
      return this;
    }

    Edit openPauseTaken(int v) {
      openPauseTaken = v;
      return this;
    }

    Edit acceptedFailures(int v) {
      acceptedFailures = v;
      return this;
    }

    Edit heldBySpec(boolean v) {
      heldBySpec = v;
      return this;
    }

    Edit pausedBy(ControlRequest v) {
      pausedBy = v;
      return this;
    }

    Edit resumedBy(ControlRequest v) {
      resumedBy = v;
      return this;
    }

    Edit promoted(ControlRequest v) {
      promoted = v;
      return this;
    }

    Edit retried(ControlRequest v) {
      retried = v;
      return this;
    }

    Edit rollbackWanted(PendingRollback v) {
      rollbackWanted = v;
      return this;
    }

    Edit superseding(RolloutInput v) {
      superseding = v;
      return this;
    }

    Edit abandoned(RolloutInput v) {
      abandoned = v;
      return this;
    }

    Edit revertedToStable(boolean v) {
      revertedToStable = v;
      return this;
    }

    Edit promotedFull(boolean v) {
      promotedFull = v;
      return this;
    }

    RunState done() {
      return new RunState(
          input,
          s.carried,
          phase,
          counts,
          failed,
          window,
          batches,
          devicesMoved,
          step,
          openPauseTaken,
          acceptedFailures,
          heldBySpec,
          pausedBy,
          resumedBy,
          promoted,
          retried,
          rollbackWanted,
          superseding,
          abandoned,
          revertedToStable,
          fleetChanged,
          promotedFull);
    }
  }
}
