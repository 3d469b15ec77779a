package io.rollwave.ctl;

import io.rollwave.api.rollout.ControlRequest;
import io.rollwave.api.rollout.PromoteRequest;
import io.rollwave.api.rollout.RollbackRequest;
import java.util.Optional;

/**
 * One control verb as the workflow update it becomes: the update's name and its argument, with the
 * requester and reason. Pure.
 */
public record ControlCall(String update, Object argument) {

  /**
   * The update for {@code verb}; {@code revision} is the hash an undo goes back to (empty: the
   * stable revision).
   */
  public static ControlCall of(
      Verb verb,
      String requestedBy,
      Optional<String> reason,
      boolean full,
      Optional<String> revision) {
    String why = reason.orElse("");
    ControlRequest request = new ControlRequest(requestedBy, why);
    return switch (verb) {
      case PAUSE -> new ControlCall("pauseRollout", request);
      case RESUME -> new ControlCall("resumeRollout", request);
      case ABORT -> new ControlCall("abortRollout", request);
      case RETRY -> new ControlCall("retryRollout", request);
      case PROMOTE -> new ControlCall("promoteRollout", new PromoteRequest(requestedBy, why, full));
      case UNDO ->
          new ControlCall(
              "undoRollout", new RollbackRequest(requestedBy, why, revision.orElse(null)));
      default -> throw new IllegalArgumentException(verb.word() + " is not a control verb");
    };
  }
}
