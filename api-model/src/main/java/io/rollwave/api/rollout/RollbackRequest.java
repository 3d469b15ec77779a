package io.rollwave.api.rollout;

/**
 * A {@code rollback} signal: who asks and why, and the revision to go back to (a revision hash as
 * in {@code status.updateRevision}); none means the stable revision, the last one the whole fleet
 * completed.
 */
public record RollbackRequest(String requestedBy, String reason, String revision) {
  public ControlRequest asControl() {
    return new ControlRequest(requestedBy, reason);
  }
}
