package io.rollwave.api.rollout;

/**
 * What a rollout carries into its next run when it continues as new with the same target: the step
 * it is at, the failures someone accepted by resuming, a soft pause, and, for a rollback, the
 * rollout it abandoned (what {@code retry} starts again) and who asked for the rollback and why.
 * {@code continued} marks a run that carries on its predecessor's work (its start is not announced
 * again). {@link #FRESH} for a new revision.
 */
public record RolloutState(
    int step,
    int acceptedFailures,
    ControlRequest pausedBy,
    RolloutInput abandoned,
    ControlRequest rollbackBy,
    Boolean aborted,
    Boolean continued) {

  public static final RolloutState FRESH = new RolloutState(0, 0, null, null, null, null, null);

  /** The state of a run that rolls the fleet back from {@code abandoned}. */
  public static RolloutState rollingBack(
      RolloutInput abandoned, ControlRequest by, boolean aborted) {
    return new RolloutState(0, 0, null, abandoned, by, aborted, null);
  }

  public boolean rollingBack() {
    return abandoned != null;
  }

  public boolean abort() {
    return Boolean.TRUE.equals(aborted);
  }

  public boolean carriesOn() {
    return Boolean.TRUE.equals(continued);
  }
}
