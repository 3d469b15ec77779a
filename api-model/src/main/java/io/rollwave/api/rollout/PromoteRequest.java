package io.rollwave.api.rollout;

/**
 * A {@code promoteRollout} update: who asks and why; {@code full} skips every remaining canary step
 * and pause (the rest of the fleet moves through the window), otherwise only the current step.
 */
public record PromoteRequest(String requestedBy, String reason, boolean full) {
  public ControlRequest asControl() {
    return new ControlRequest(requestedBy, reason);
  }
}
