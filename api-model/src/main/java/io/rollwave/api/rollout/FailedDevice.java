package io.rollwave.api.rollout;

/** A device that failed at the rollout's revision, and why (its agent's words or the deadline). */
public record FailedDevice(String name, String reason) {
  public String describe() {
    return reason == null || reason.isBlank() ? name : name + " (" + reason + ")";
  }
}
