package io.rollwave.api.rollout;

/**
 * Who asked for a control action (pause, resume, ...) and why; both end up in the workflow's
 * history and its log, so a rollout's history says who stopped it.
 */
public record ControlRequest(String requestedBy, String reason) {
  public String describe() {
    return (requestedBy == null || requestedBy.isBlank() ? "unknown" : requestedBy)
        + (reason == null || reason.isBlank() ? "" : " (" + reason + ")");
  }
}
