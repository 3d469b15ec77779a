package io.rollwave.ctl;

/**
 * A control sent to a deployment whose rollout workflow has finished: nothing is in progress to
 * pause, promote or roll back through an update. An undo then restores the template instead.
 */
public final class RolloutEnded extends RuntimeException {
  public RolloutEnded(String reason) {
    super(reason);
  }
}
